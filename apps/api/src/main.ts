/** The API process: validates configuration, then serves HTTP until SIGTERM drains it. */
import 'reflect-metadata';
import { ApiModule } from './api.module';
import { loadConfig, MetricsService, ReplayPool, rootLogger, secretsOf, serveMetrics, startupLine } from '@survey/application';
import { createHttpApp } from './http/create-app';
import { listeningLine } from './http/listening';
import { publishApiDocs } from './docs/docs.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const { logLevel: level, metrics: exposure } = config.observability!;
  const log = rootLogger({ process: 'api', level, secrets: secretsOf(process.env) });
  const metrics = new MetricsService(Boolean(exposure.port || exposure.token));
  const app = await createHttpApp(ApiModule.forRoot(config), { http: config.http, pino: log, metrics, metricsToken: exposure.token });
  publishApiDocs(app);
  await app.listen(config.port, '0.0.0.0');
  app.get(ReplayPool).start(); // replay threads up now: starting one later would pause the event loop
  if (exposure.port) (await serveMetrics(metrics, exposure.port, exposure.token)).unref();
  log.info(listeningLine(app.getHttpServer().address(), config.mongoUrl ? 'read models in MongoDB' : `data in ${config.dataDir}`));
  if (exposure.port || exposure.token) log.info(`metrics at ${exposure.port ? `http://0.0.0.0:${exposure.port}/metrics` : ''}${exposure.port && exposure.token ? ' and ' : ''}${exposure.token ? '/metrics on the API port' : ''}${exposure.token ? ' (bearer METRICS_TOKEN)' : ''}`);
}

main().catch((error: unknown) => {
  // One line on stderr: the variable at fault, or the failure with its stack.
  const line = startupLine(error);
  const log = rootLogger({ process: 'api', fd: 2, secrets: secretsOf(process.env) });
  if (line) log.fatal(line);
  else log.fatal({ err: error }, 'start-up failed');
  process.exit(line ? 2 : 1);
});

