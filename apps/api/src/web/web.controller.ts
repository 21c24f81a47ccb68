/**
 * The analysts' dashboard (`/`) and the public results page (`/public`, `/results/{campaignId}`),
 * and their scripts under `/assets/{version}/` (the shared modules under `…/shared/`). Pages are
 * never cached without revalidation; versioned files are immutable. Every response carries the
 * pages' strict Content-Security-Policy (../pages/page-folder.ts).
 */
import { Controller, Get, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PAGE_CACHE, sendPageFile, VERSIONED_CACHE } from '../pages/page-folder';
import { WebAssets } from './web-assets';

// A page, not an API route: left out of the OpenAPI description (test/openapi.e2e-spec.ts checks only pages are).
@ApiExcludeController()
@Controller()
export class WebController {
  constructor(private readonly web: WebAssets) {}

  @Get()
  dashboard(@Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply) {
    sendPageFile(reply, this.web.page('index'), PAGE_CACHE, etag);
  }

  @Get('public')
  publicResults(@Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply) {
    sendPageFile(reply, this.web.page('public'), PAGE_CACHE, etag);
  }

  /** The same page, opened on one campaign (the script reads the id from the path). */
  @Get('results/:campaignId')
  campaignResults(@Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply) {
    sendPageFile(reply, this.web.page('public'), PAGE_CACHE, etag);
  }

  @Get('assets/:version/:file')
  asset(@Param('version') version: string, @Param('file') file: string, @Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply) {
    this.sendVersioned(reply, version, file, etag);
  }

  @Get('assets/:version/shared/:file')
  sharedModule(@Param('version') version: string, @Param('file') file: string, @Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply) {
    this.sendVersioned(reply, version, `shared/${file}`, etag);
  }

  /** Browsers ask for it unprompted; an empty answer keeps a 404 out of every page's console. */
  @Get('favicon.ico')
  favicon(@Res() reply: FastifyReply) {
    reply.status(204).header('cache-control', 'public, max-age=86400').send();
  }

  private sendVersioned(reply: FastifyReply, version: string, path: string, etag: string | undefined): void {
    const file = this.web.file(path);
    // A page of an earlier build asking for its own version: no such files any more.
    if (!file || version !== this.web.version) throw new NotFoundException(`no asset ${version}/${path}`);
    sendPageFile(reply, file, VERSIONED_CACHE, etag);
  }
}
