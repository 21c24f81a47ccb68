/**
 * The controller of a page served from its own folder under its own path (`/q`, `/r`,
 * `/workbench`): the page at `/{route}`, its scripts and styles at `/{route}/{file}`, the shared
 * modules at `/{route}/shared/{file}`. Every file is revalidated (`no-cache`): these pages are
 * opened from mailed links and bookmarks that name their files as they are, never by a version.
 * The dashboard's folder is not one of them: its files are versioned under /assets (../web).
 */
import { Controller, Get, Headers, NotFoundException, Param, Res, type Provider, type Type } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PAGE_CACHE, PageFolder, pageFolderProvider, sendPageFile } from './page-folder';

export interface PageFolderRoute {
  /** The class name prefix, for Nest's route log and the controllers' test: `Workbench` → WorkbenchController, WorkbenchPages. */
  name: string;
  /** The path the page is served under, without slashes: `workbench`. */
  route: string;
  /** The page folder (its `index.html`, scripts and styles), read at start-up. */
  dir: string;
}

export interface PageFolderController {
  controller: Type<unknown>;
  /** The folder as the controller injects it: its own subclass of PageFolder, provided by `provider`. */
  Pages: new (options: { dir: string }) => PageFolder;
  provider: Provider;
}

export function pageFolderController({ name, route, dir }: PageFolderRoute): PageFolderController {
  class Pages extends PageFolder {}

  // A page, not an API route: left out of the OpenAPI description (test/openapi.e2e-spec.ts checks only pages are).
  @ApiExcludeController()
  @Controller(route)
  class PageController {
    constructor(private readonly pages: Pages) {}

    @Get()
    page(@Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply): void {
      sendPageFile(reply, this.pages.page('index'), PAGE_CACHE, etag);
    }

    @Get(':file')
    asset(@Param('file') file: string, @Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply): void {
      this.send(reply, file, etag);
    }

    @Get('shared/:file')
    sharedModule(@Param('file') file: string, @Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply): void {
      this.send(reply, `shared/${file}`, etag);
    }

    private send(reply: FastifyReply, path: string, etag: string | undefined): void {
      const file = this.pages.file(path);
      if (!file) throw new NotFoundException(`no such file: /${route}/${path}`);
      sendPageFile(reply, file, PAGE_CACHE, etag);
    }
  }

  // Classes made here would all be named alike; Nest's route log and the tests name them by page.
  Object.defineProperty(PageController, 'name', { value: `${name}Controller` });
  Object.defineProperty(Pages, 'name', { value: `${name}Pages` });
  return { controller: PageController, Pages, provider: pageFolderProvider(Pages, () => ({ dir })) };
}
