/**
 * Serves the staff workbench (`/workbench`): the centre's and the agencies' queues of cases, one
 * case's history and the steps the reader's role may take (CLOSED-LOOP.md "Pages"). Its files are
 * under `/workbench/{file}` and the shared modules under `/workbench/shared/`, all revalidated (a
 * staff page is opened from a bookmark, never cached stale). The token is pasted into the page and
 * kept in the tab's sessionStorage, as the dashboard keeps the analyst's: this route sees none.
 */
import { Controller, Get, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { join } from 'node:path';
import { PAGE_CACHE, PageFolder, pageFolderProvider, sendPageFile } from '../pages/page-folder';

/** The workbench's folder as its controller injects it: ./public, beside the compiled controller too. */
export class WorkbenchPages extends PageFolder {}

export const workbenchPages = pageFolderProvider(WorkbenchPages, () => ({ dir: join(__dirname, 'public') }));

// A page, not an API route: left out of the OpenAPI description (test/openapi.e2e-spec.ts checks only pages are).
@ApiExcludeController()
@Controller('workbench')
export class WorkbenchController {
  constructor(private readonly pages: WorkbenchPages) {}

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
    if (!file) throw new NotFoundException(`no such file: /workbench/${path}`);
    sendPageFile(reply, file, PAGE_CACHE, etag);
  }
}
