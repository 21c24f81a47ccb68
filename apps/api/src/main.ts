/** The API process: validates configuration, then serves HTTP until SIGTERM drains it. */
import 'reflect-metadata';
import { ApiModule } from './api.module';
import { loadConfig, ReplayPool, startupLine } from '@survey/application';
import { createHttpApp } from './http/create-app';
import { listeningLine } from './http/listening';
import { publishApiDocs } from './docs/docs.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createHttpApp(ApiModule.forRoot(config), { http: config.http });
  publishApiDocs(app);
  await app.listen(config.port, '0.0.0.0');
  app.get(ReplayPool).start(); // replay threads up now: starting one later would pause the event loop
  console.log(listeningLine(app.getHttpServer().address(), config.mongoUrl ? 'read models in MongoDB' : `data in ${config.dataDir}`));
}

main().catch((error: unknown) => {
  const line = startupLine(error);
  console.error(line ?? error);
  process.exit(line ? 2 : 1);
});
