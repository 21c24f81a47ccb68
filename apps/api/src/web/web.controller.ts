/**
 * The analysts' dashboard (`/`) and the public results page (`/public`, `/results/{campaignId}`),
 * and their scripts under `/assets/{version}/`. Pages are never cached without revalidation;
 * versioned assets are immutable. Every response carries a strict Content-Security-Policy: the
 * pages load scripts, styles and data from this origin only, and no inline script or style.
 */
import { Controller, Get, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { pageHeaders } from '../http/page-headers';
import { WebAssets, WebFile } from './web-assets';

const PAGE_CACHE = 'no-cache';
const ASSET_CACHE = 'public, max-age=31536000, immutable';

@Controller()
export class WebController {
  constructor(private readonly web: WebAssets) {}

  @Get()
  dashboard(@Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply) {
    send(reply, this.page('index'), PAGE_CACHE, etag);
  }

  @Get('public')
  publicResults(@Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply) {
    send(reply, this.page('public'), PAGE_CACHE, etag);
  }

  /** The same page, opened on one campaign (the script reads the id from the path). */
  @Get('results/:campaignId')
  campaignResults(@Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply) {
    send(reply, this.page('public'), PAGE_CACHE, etag);
  }

  @Get('assets/:version/:file')
  asset(@Param('version') version: string, @Param('file') file: string, @Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply) {
    const asset = this.web.assets.get(file);
    // A page of an earlier build asking for its own version: no such files any more.
    if (!asset || version !== this.web.version) throw new NotFoundException(`no asset ${version}/${file}`);
    send(reply, asset, ASSET_CACHE, etag);
  }

  /** Browsers ask for it unprompted; an empty answer keeps a 404 out of every page's console. */
  @Get('favicon.ico')
  favicon(@Res() reply: FastifyReply) {
    reply.status(204).header('cache-control', 'public, max-age=86400').send();
  }

  private page(name: string): WebFile {
    const page = this.web.pages.get(name);
    if (!page) throw new Error(`unreachable: the ${name} page was not loaded`);
    return page;
  }
}

function send(reply: FastifyReply, file: WebFile, cacheControl: string, ifNoneMatch: string | undefined): void {
  pageHeaders(reply, cacheControl).header('etag', file.etag);
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === file.etag)) {
    reply.status(304).send();
    return;
  }
  reply.status(200).header('content-type', file.contentType).send(file.body);
}
