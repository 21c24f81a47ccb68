/**
 * Serves the enterprises' questionnaire page (`/q`) and its few static files (`/q/{file}`, the
 * shared modules under `/q/shared/`). The link's token travels in the fragment (`/q#t=…`), which
 * browsers never send to a server, and the page moves it to sessionStorage at once. The files
 * are not versioned (the page's address is mailed out and names them as they are), so every one is
 * revalidated; the pages' headers forbid anything but this origin and send no Referer anywhere.
 */
import { Controller, Get, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { join } from 'node:path';
import { PAGE_CACHE, PageFolder, pageFolderProvider, sendPageFile } from '../pages/page-folder';

/** The questionnaire's folder as its controller injects it: ./public, beside the compiled controller too. */
export class QuestionnairePages extends PageFolder {}

export const questionnairePages = pageFolderProvider(QuestionnairePages, () => ({ dir: join(__dirname, 'public') }));

// A page, not an API route: left out of the OpenAPI description (test/openapi.e2e-spec.ts checks only pages are).
@ApiExcludeController()
@Controller('q')
export class QuestionnaireController {
  constructor(private readonly pages: QuestionnairePages) {}

  @Get()
  page(@Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply): void {
    sendPageFile(reply, this.pages.page('index'), PAGE_CACHE, etag);
  }

  @Get(':file')
  asset(@Param('file') name: string, @Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply): void {
    this.send(reply, name, etag);
  }

  @Get('shared/:file')
  sharedModule(@Param('file') name: string, @Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply): void {
    this.send(reply, `shared/${name}`, etag);
  }

  private send(reply: FastifyReply, path: string, etag: string | undefined): void {
    const file = this.pages.file(path);
    if (!file) throw new NotFoundException(`no such file: /q/${path}`);
    sendPageFile(reply, file, PAGE_CACHE, etag);
  }
}
