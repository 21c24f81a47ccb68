/**
 * The CLI side of `survey verify <campaignId>`: the application context on the configured stores
 * (projections left to whoever runs them), a replay progress bar on stderr, and the report on
 * stdout, human or --json; the read is recorded in the audit-read log. Returns the exit code: 0
 * when every published figure reproduces, else 1.
 */
import { INestApplicationContext } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { userInfo } from 'node:os';
import { InvalidArgumentError } from 'commander';
import { SingleBar } from 'cli-progress';
import { AppConfig, RecordAuditReadCommand, systemMeta, VerifyPublishedQuery } from '@survey/application';
import { Conflict, NotFound } from '@survey/domain';
import { withCliContext } from '../cli-context';
import { describeVerification } from './describe';
import { say } from '../conventions';

export async function runVerifyFigures(config: AppConfig, campaignId: string, options: { json: boolean }): Promise<number> {
  const bar = replayBar();
  try {
    return await withCliContext(config, (context) => verifyFigures(context, campaignId, options, bar));
  } finally {
    bar.stop();
  }
}

async function verifyFigures(context: INestApplicationContext, campaignId: string, options: { json: boolean }, bar: ReturnType<typeof replayBar>): Promise<number> {
  const report = await context.get(QueryBus).execute(new VerifyPublishedQuery(campaignId, bar.update)).catch(async (error: unknown) => {
    // An unknown or unpublished campaign is a usage error: there is nothing to verify.
    if (!(error instanceof NotFound || error instanceof Conflict)) throw error;
    await recordRead(context, campaignId, options, 2);
    throw new InvalidArgumentError(error.message);
  });
  bar.stop();
  const code = report.ok ? 0 : 1;
  await recordRead(context, campaignId, options, code);
  say(options.json ? JSON.stringify(report, null, 2) : describeVerification(report));
  return code;
}

/** A verification from the command line is an audit read like any other: recorded, as the OS user. */
async function recordRead(app: INestApplicationContext, campaignId: string, options: { json: boolean }, status: number): Promise<void> {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (a container running as an arbitrary uid): the read is still recorded
  }
  const request = `survey verify ${campaignId}${options.json ? ' --json' : ''}`;
  await app.get(CommandBus).execute(new RecordAuditReadCommand({ via: 'cli', what: 'verify', request, status }, systemMeta(`cli:${user}`)));
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
