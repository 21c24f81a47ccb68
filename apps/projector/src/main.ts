/**
 * `node dist/apps/projector/src/main.js`: follows the event log and keeps the read models up to
 * date, so API processes can run with PROJECTIONS=external. SIGTERM finishes the batch in hand,
 * stores its checkpoint and exits 0. Lag is logged every 10 s while there is any, served on
 * HEALTH_PORT when that is set, and measured on METRICS_PORT when that is.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, MetricsService, ProcessLogger, Projections, Readiness, rootLogger, secretsOf, serveMetrics, startupLine } from '@survey/application';
import { serveHealth } from './health-server';
import { ProjectorModule } from './projector.module';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { requireSecret: false });
  const healthPort = process.env.HEALTH_PORT;
  if (healthPort && (!/^\d+$/.test(healthPort) || Number(healthPort) > 65535)) {
    throw new ConfigError('HEALTH_PORT', `must be a port number, got "${healthPort}"`);
  }
  const { logLevel: level, metrics: exposure } = config.observability!;
  const log = rootLogger({ process: 'projector', level, secrets: secretsOf(process.env) });
  // The projector serves no API: its metrics are on METRICS_PORT or nowhere.
  const metrics = new MetricsService(Boolean(exposure.port));
  // Silent while the stores connect: a start-up failure is logged once, as one line, below.
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config, log, metrics), { logger: false, abortOnError: false });
  app.useLogger(app.get(ProcessLogger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  const projections = app.get(Projections);
  if (healthPort) serveHealth(app.get(Readiness), Number(healthPort)).unref();
  if (exposure.port) (await serveMetrics(metrics, exposure.port, exposure.token)).unref();
  log.info(`survey projector following ${config.eventStoreUrl ?? config.dataDir}${healthPort ? `; health on :${healthPort}` : ''}${exposure.port ? `; metrics on :${exposure.port}` : ''}`);
  setInterval(async () => {
    const { head, projections: all } = await projections.status();
    const behind = all.filter((p) => (p.lag ?? 0) > 0);
    if (behind.length) log.info({ head, behind: behind.map((p) => ({ subscriber: p.name, lag: p.lag, unit: p.lagUnit })) }, `head ${head}; ${behind.map((p) => `${p.name} lag ${p.lag} ${p.lagUnit}`).join(', ')}`);
  }, 10_000).unref();
}

main().catch((error: unknown) => {
  // One line on stderr: the variable at fault, or the failure with its stack.
  const line = startupLine(error);
  const log = rootLogger({ process: 'projector', fd: 2, secrets: secretsOf(process.env) });
  if (line) log.fatal(line);
  else log.fatal({ err: error }, 'start-up failed');
  process.exit(line ? 2 : 1);
});
