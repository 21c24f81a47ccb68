/**
 * The API's description: Swagger UI at `/docs` (swagger-ui-dist's bundle and stylesheet, resolved
 * from node_modules as the dashboard's chart.js is, and our own small initializer instead of its
 * inline one, under the pages' strict policy, `data:` images aside) and the OpenAPI document at
 * `/docs/openapi.json`.
 * The document is built once from the controllers when the app starts (./api-description.ts).
 */
import { Controller, Get, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController, OpenAPIObject } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { dirname, join } from 'node:path';
import { DOCS_CONTENT_SECURITY_POLICY, pageHeaders } from '../http/page-headers';
import { PAGE_CACHE, PageFolder, pageFolderProvider, sendPageFile } from '../pages/page-folder';

/** The UI's folder: ./public (the page and its initializer) and swagger-ui-dist's two files. */
export class DocsPages extends PageFolder {}

const swaggerUiFile = (name: string) => join(dirname(require.resolve('swagger-ui-dist/package.json')), name);

export const docsPages = pageFolderProvider(DocsPages, () => ({
  dir: join(__dirname, 'public'),
  shared: false,
  extra: { 'swagger-ui-bundle.js': swaggerUiFile('swagger-ui-bundle.js'), 'swagger-ui.css': swaggerUiFile('swagger-ui.css') },
}));

/** The document, once built (publishApiDocs in ./docs.module.ts); until then /docs/openapi.json is a 404. */
export class ApiDescription {
  document: OpenAPIObject | null = null;
}

@ApiExcludeController()
@Controller('docs')
export class DocsController {
  constructor(
    private readonly pages: DocsPages,
    private readonly description: ApiDescription,
  ) {}

  @Get()
  page(@Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply): void {
    sendPageFile(reply, this.pages.page('index'), PAGE_CACHE, etag, DOCS_CONTENT_SECURITY_POLICY);
  }

  /** With the pages' headers too: never sniffed into anything but JSON, revalidated on every load. */
  @Get('openapi.json')
  document(@Res() reply: FastifyReply): void {
    if (!this.description.document) throw new NotFoundException('the API description is not built in this process');
    pageHeaders(reply, PAGE_CACHE, DOCS_CONTENT_SECURITY_POLICY).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(this.description.document));
  }

  @Get(':file')
  asset(@Param('file') name: string, @Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply): void {
    const file = this.pages.file(name);
    if (!file) throw new NotFoundException(`no such file: /docs/${name}`);
    sendPageFile(reply, file, PAGE_CACHE, etag, DOCS_CONTENT_SECURITY_POLICY);
  }
}
