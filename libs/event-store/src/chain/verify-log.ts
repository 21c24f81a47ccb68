/**
 * Drives a ChainVerifier over a stored log: first the seals (only the leading run that chains
 * correctly is trusted; a bad seal row is then reported at its own position by the walk), then
 * every event in position order, stopping at the first break.
 */
import { SEALS_STREAM } from '@survey/domain';
import { ChainBreak, ChainVerifier, Locate, StoredEvent, StoredSeal } from './chain-verifier';
import { eventHash, GENESIS } from './event-hash';
import type { Seal } from './seal';

/** A log read as stored, adapter by adapter (SQLite: ../sqlite-stored-log.ts). */
export interface StoredLog {
  /** Rows with position > after, in position order, at most limit. */
  page(after: number, limit: number): StoredEvent[];
  streamRows(stream: string): StoredEvent[];
  locate: Locate;
  head(): number;
}

export interface ChainReport {
  ok: boolean;
  events: number;
  streams: number;
  head: number;
  seals: number;
  sealedUpTo: number;
  unsealed: number;
  latestSeal: Pick<Seal, 'position' | 'count' | 'rollingHash' | 'sealedAt'> | null;
  /** The log's own rolling hash at the position asked for (a printed seal's), when the walk reached it intact. */
  at: { position: number; count: number; rollingHash: string } | null;
  break: ChainBreak | null;
}

const PAGE = 5000;

export function trustedSeals(rows: StoredEvent[]): StoredSeal[] {
  const seals: StoredSeal[] = [];
  let previous = GENESIS;
  for (const [i, row] of rows.entries()) {
    if (row.revision !== i || row.hash === null || eventHash(previous, row) !== row.hash) break;
    let seal: Seal;
    try {
      seal = JSON.parse(row.data) as Seal;
    } catch {
      break;
    }
    if (seals.length > 0 && seal.position <= seals[seals.length - 1].position) break;
    seals.push({ ...seal, sealRevision: row.revision, sealPosition: row.position });
    previous = row.hash;
  }
  return seals;
}

export function verifyLog(log: StoredLog, progress: (done: number, head: number) => void = () => undefined, atPosition?: number): ChainReport {
  const seals = trustedSeals(log.streamRows(SEALS_STREAM));
  const verifier = new ChainVerifier(seals, log.locate);
  const head = log.head();
  let found: ChainBreak | undefined;
  let after = 0;
  let done = 0;
  let at: ChainReport['at'] = null;
  while (!found) {
    const rows = log.page(after, PAGE);
    if (rows.length === 0) {
      found = verifier.finish(after);
      break;
    }
    for (const row of rows) {
      if ((found = verifier.push(row))) break;
      if (row.position === atPosition) at = verifier.rolling;
    }
    after = rows[rows.length - 1].position;
    done += rows.length;
    progress(done, head);
  }
  const { sealsChecked, sealedUpTo, unsealed } = verifier.summary();
  const last = seals[sealsChecked - 1];
  return {
    ok: !found,
    events: verifier.events,
    streams: verifier.streamCount,
    head,
    seals: sealsChecked,
    sealedUpTo,
    unsealed,
    latestSeal: last ? { position: last.position, count: last.count, rollingHash: last.rollingHash, sealedAt: last.sealedAt } : null,
    at,
    break: found ?? null,
  };
}
