/**
 * `node dist/apps/projector/src/main.js`: follows the event log and keeps the read models up to
 * date, so API processes can run with PROJECTIONS=external. SIGTERM finishes the batch in hand,
 * stores its checkpoint and exits 0. Lag is logged every 10 s while there is any, and served on
 * HEALTH_PORT when that is set.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, processLogger, Projections, Readiness, startupLine } from '@survey/application';
import { serveHealth } from './health-server';
import { ProjectorModule } from './projector.module';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { requireSecret: false });
  const healthPort = process.env.HEALTH_PORT;
  if (healthPort && (!/^\d+$/.test(healthPort) || Number(healthPort) > 65535)) {
    throw new ConfigError('HEALTH_PORT', `must be a port number, got "${healthPort}"`);
  }
  // Silent while the stores connect: a start-up failure is printed once, as one line, below.
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config), { logger: false, abortOnError: false });
  // An instance: a list of levels after `logger: false` would leave no logger at all.
  app.useLogger(processLogger());
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  const projections = app.get(Projections);
  if (healthPort) serveHealth(app.get(Readiness), Number(healthPort)).unref();
  console.log(`survey projector following ${config.eventStoreUrl ?? config.dataDir}${healthPort ? `; health on :${healthPort}` : ''}`);
  setInterval(async () => {
    const { head, projections: all } = await projections.status();
    const behind = all.filter((p) => (p.lag ?? 0) > 0);
    if (behind.length) console.log(`head ${head}; ${behind.map((p) => `${p.name} lag ${p.lag} ${p.lagUnit}`).join(', ')}`);
  }, 10_000).unref();
}

main().catch((error: unknown) => {
  const line = startupLine(error);
  console.error(line ?? error);
  process.exit(line ? 2 : 1);
});
