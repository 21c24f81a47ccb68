/**
 * Serves the enterprises' requests page (`/r`): an enterprise files a request, follows its requests
 * and rates an answer (CLOSED-LOOP.md "Pages"). Its personal link (`survey link`) carries the
 * token in the fragment (`/r#t=…`), which browsers never send to a server, and the page moves it to
 * sessionStorage at once, as `/q` does. Its files are `/r/{file}`, the shared modules `/r/shared/`,
 * all revalidated (the link names them as they are).
 */
import { Controller, Get, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { join } from 'node:path';
import { PAGE_CACHE, PageFolder, pageFolderProvider, sendPageFile } from '../pages/page-folder';

/** The requests page's folder as its controller injects it: ./public, beside the compiled controller too. */
export class RequestPages extends PageFolder {}

export const requestPages = pageFolderProvider(RequestPages, () => ({ dir: join(__dirname, 'public') }));

// A page, not an API route: left out of the OpenAPI description (test/openapi.e2e-spec.ts checks only pages are).
@ApiExcludeController()
@Controller('r')
export class RequestPageController {
  constructor(private readonly pages: RequestPages) {}

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
    if (!file) throw new NotFoundException(`no such file: /r/${path}`);
    sendPageFile(reply, file, PAGE_CACHE, etag);
  }
}
