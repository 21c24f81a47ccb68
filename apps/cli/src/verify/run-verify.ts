/**
 * The CLI side of `survey verify <campaignId>`: the application context on the configured stores
 * (projections left to whoever runs them), a replay progress bar on stderr, and the report on
 * stdout, human or --json. Returns the exit code: 0 when every published figure reproduces, else 1.
 */
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { InvalidArgumentError } from 'commander';
import { SingleBar } from 'cli-progress';
import { AppConfig, ApplicationModule, VerifyPublishedQuery } from '@survey/application';
import { Conflict, NotFound } from '@survey/domain';
import { describeVerification } from './describe';

export async function runVerifyFigures(config: AppConfig, campaignId: string, options: { json: boolean }): Promise<number> {
  let app: INestApplicationContext | undefined;
  const bar = replayBar();
  try {
    app = await NestFactory.createApplicationContext(ApplicationModule.forRoot({ ...config, inProcessProjector: false }), { logger: ['warn', 'error'] });
    const report = await app.get(QueryBus).execute(new VerifyPublishedQuery(campaignId, bar.update));
    bar.stop();
    console.log(options.json ? JSON.stringify(report, null, 2) : describeVerification(report));
    return report.ok ? 0 : 1;
  } catch (error) {
    // An unknown or unpublished campaign is a usage error: there is nothing to verify.
    if (error instanceof NotFound || error instanceof Conflict) throw new InvalidArgumentError(error.message);
    throw error;
  } finally {
    bar.stop();
    await app?.close();
  }
}

/** events/s and ETA on stderr while the log replays; nothing when stderr is not a terminal. */
function replayBar(stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: 'replaying {bar} {percentage}% | position {value}/{total} | {speed} events/s | ETA {eta_formatted}',
    hideCursor: true, clearOnComplete: true, etaBuffer: 50, stream,
  });
  const started = Date.now();
  let running = false;
  return {
    update: (position: number, target: number) => {
      if (!running) bar.start(target, 0, { speed: 0 });
      running = true;
      bar.setTotal(target);
      bar.update(position, { speed: Math.round(position / Math.max((Date.now() - started) / 1000, 0.001)) });
    },
    stop: () => {
      if (running) bar.stop();
      running = false;
    },
  };
}
