/**
 * `survey verify --chain`: walks the embedded log as stored (DATA_DIR/events.db, opened read-only)
 * and prints the first event whose bytes, order or presence do not match its stream's hash chain or
 * the seals, or that everything up to the head matches. Exit code: 0 intact, 1 broken.
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import type { AppConfig } from '@survey/application';
import { say, UsageError } from '../conventions';
import { ChainReport, NotChainedError, openStoredLog, verifyLog } from '@survey/event-store';


export interface PrintedSeal {
  position: number;
  rollingHash: string;
}

export interface VerifyChainOptions {
  json: boolean;
  /** A seal as printed somewhere outside the log (an annual report): the log must give the same rolling hash at its position. */
  seal?: PrintedSeal;
  /** Where progress goes (a line every few seconds, and the last one). */
  progress?: (line: string) => void;
  print?: (text: string) => void;
}

export function runVerifyChain(config: Pick<AppConfig, 'dataDir' | 'eventStoreUrl'>, options: VerifyChainOptions): number {
  if (config.eventStoreUrl) {
    throw new UsageError('verify --chain reads the embedded log (DATA_DIR/events.db); on EventStoreDB the hashes are in each event\'s metadata and no walker reads them yet: unset EVENTSTORE_URL');
  }
  const file = join(config.dataDir, 'events.db');
  if (!existsSync(file)) throw new UsageError(`no event log at ${file} (set DATA_DIR)`);
  const print = options.print ?? say;
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  let log: ReturnType<typeof openStoredLog>;
  try {
    log = openStoredLog(file);
  } catch (error) {
    if (error instanceof NotChainedError) throw new UsageError(error.message);
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
    }, options.seal?.position);
  } finally {
    log.close();
  }
  const printed = options.seal ? { ...options.seal, matches: report.at?.rollingHash === options.seal.rollingHash } : undefined;
  print(options.json ? JSON.stringify({ ...report, printedSeal: printed }) : [describe(report, file), ...(printed ? [describePrinted(printed, report)] : [])].join('\n'));
  return report.ok && (printed?.matches ?? true) ? 0 : 1;
}

/** `<position>:<64 hex>`, as README says to print a seal. */
export function parsePrintedSeal(text: string): PrintedSeal {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!match) throw new UsageError(`--seal takes <position>:<rolling hash, 64 hex characters>, got "${text}"`);
  return { position: Number(match[1]), rollingHash: match[2] };
}

function describePrinted(p: PrintedSeal & { matches: boolean }, r: ChainReport): string {
  if (p.matches) return `printed seal ${p.position}:${p.rollingHash.slice(0, 12)}… matches the log (${r.at?.count} events up to position ${p.position})`;
  if (!r.at) return `printed seal ${p.position}:${p.rollingHash.slice(0, 12)}… NOT CHECKED: the walk did not reach an intact event at position ${p.position}`;
  return `printed seal ${p.position}:${p.rollingHash.slice(0, 12)}… does NOT match: the log gives ${r.at.rollingHash} at that position`;
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
