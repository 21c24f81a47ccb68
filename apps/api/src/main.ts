/** The API process: validates configuration, then serves HTTP until SIGTERM drains it. */
import 'reflect-metadata';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from '@survey/application';
import { createHttpApp } from './http/create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createHttpApp(AppModule.forRoot(config));
  await app.listen(config.port, '0.0.0.0');
  console.log(`survey api listening on ${await app.getUrl()} (data in ${config.dataDir})`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
