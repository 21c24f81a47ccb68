/**
 * `survey verify --chain`: walks the embedded log as stored (DATA_DIR/events.db, opened read-only)
 * and prints the first event whose bytes, order or presence do not match its stream's hash chain or
 * the seals, or that everything up to the head matches. Exit code: 0 intact, 1 broken.
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import type { AppConfig } from '@survey/application';
import { ChainReport, NotChainedError, openStoredLog, verifyLog } from '@survey/event-store';

/** A problem with how the command was called or configured: exit code 2. */
export class VerifyUsageError extends Error {}

export interface VerifyChainOptions {
  json: boolean;
  /** Where progress goes (a line every few seconds, and the last one). */
  progress?: (line: string) => void;
  print?: (text: string) => void;
}

export function runVerifyChain(config: Pick<AppConfig, 'dataDir' | 'eventStoreUrl'>, options: VerifyChainOptions): number {
  if (config.eventStoreUrl) {
    throw new VerifyUsageError('verify --chain reads the embedded log (DATA_DIR/events.db); on EventStoreDB the hashes are in each event\'s metadata and no walker reads them yet: unset EVENTSTORE_URL');
  }
  const file = join(config.dataDir, 'events.db');
  if (!existsSync(file)) throw new VerifyUsageError(`no event log at ${file} (set DATA_DIR)`);
  const print = options.print ?? ((text: string) => console.log(text));
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  let log: ReturnType<typeof openStoredLog>;
  try {
    log = openStoredLog(file);
  } catch (error) {
    if (error instanceof NotChainedError) throw new VerifyUsageError(error.message);
    throw error;
  }
  let report: ChainReport;
  const started = Date.now();
  let shown = started;
  try {
    report = verifyLog(log, (done, head) => {
      if (Date.now() - shown < 2000) return;
      shown = Date.now();
      progress(`verified ${done} of ${head} events (${Math.round(done / ((shown - started) / 1000))}/s)`);
    });
  } finally {
    log.close();
  }
  print(options.json ? JSON.stringify(report) : describe(report, file));
  return report.ok ? 0 : 1;
}

export function describe(r: ChainReport, file: string): string {
  const seal = r.latestSeal
    ? `latest seal checked: position ${r.latestSeal.position}, ${r.latestSeal.count} events, rolling hash ${r.latestSeal.rollingHash} (${r.latestSeal.sealedAt})`
    : 'no seal checked yet';
  if (r.break) {
    const b = r.break;
    const where = b.stream !== undefined ? `${b.stream} revision ${b.revision} at position ${b.position}` : `position ${b.position}`;
    return [`chain BROKEN in ${file}: ${where}: ${b.what}: ${b.detail}`, `intact before it: ${r.events} events, ${r.seals} seals; ${seal}`].join('\n');
  }
  return [
    `chain intact: ${r.events} events in ${r.streams} streams up to position ${r.head}; ${r.seals} seals checked`,
    seal,
    r.unsealed > 0 ? `${r.unsealed} events after position ${r.sealedUpTo} are chained but not sealed yet` : 'every event is sealed',
  ].join('\n');
}
