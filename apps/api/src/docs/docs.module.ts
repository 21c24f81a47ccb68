/** The API's description and its UI (./docs.controller.ts); the document is filled in by publishApiDocs once the app exists. */
import { INestApplication, Module } from '@nestjs/common';
import { describeApi } from './api-description';
import { ApiDescription, DocsController, docsPages } from './docs.controller';

@Module({
  controllers: [DocsController],
  providers: [docsPages, ApiDescription],
})
export class DocsModule {}

/** Builds the description from the app's controllers (before it listens) and serves it at /docs/openapi.json. */
export function publishApiDocs(app: INestApplication): void {
  app.get(ApiDescription).document = describeApi(app);
}
