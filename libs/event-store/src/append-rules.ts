/**
 * The rules an append is checked by, with no imports but types, so the SQLite writer thread can
 * load them on its own (it answers with plain data; the caller raises the domain errors): whether
 * a stream's last revision satisfies an ExpectedRevision, and whether a repeated event id is a retry.
 */
import type { AppendResult, ExpectedRevision } from './event-store.port';

/** `last` is the revision of the stream's last event, undefined when the stream does not exist. */
export function satisfies(expected: ExpectedRevision, last: number | undefined): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return last === undefined;
  return last === expected;
}

/** Where an event id is already stored. */
export interface StoredAt {
  stream: string;
  revision: number;
  position: number;
}

/** What an append whose ids are already stored is: nothing stored, a retry (with the original result), or a conflict on `id`. */
export type Earlier = { kind: 'none' } | { kind: 'retry'; result: AppendResult } | { kind: 'conflict'; id: string };

/**
 * `found[i]` is where `ids[i]` (the append's event ids, in order) is stored. A retry when every id
 * is in this stream at the revisions the same expectation gave them.
 */
export function earlierAppend(stream: string, expected: ExpectedRevision, ids: readonly string[], found: (StoredAt | undefined)[]): Earlier {
  const used = found.findIndex((row) => row !== undefined);
  if (used < 0) return { kind: 'none' };
  const first = found[0];
  const last = found[found.length - 1];
  const isRetry =
    first !== undefined &&
    firstRevisionFits(expected, first.revision) &&
    found.every((row, i) => row?.stream === stream && row.revision === first.revision + i);
  if (isRetry && last) return { kind: 'retry', result: { revision: last.revision, position: last.position } };
  return { kind: 'conflict', id: ids[used] };
}

/** The revision the first event of an append gets when `expected` holds ('any' fits anywhere). */
function firstRevisionFits(expected: ExpectedRevision, first: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return first === 0;
  return first === expected + 1;
}

export function describeRevision(revision: ExpectedRevision | undefined): string {
  return revision === undefined ? 'no_stream' : String(revision);
}

/** The message of the Conflict an already-used id raises; the other stream is not named: it may belong to another enterprise. */
export function idUsedMessage(id: string): string {
  return `event id ${id} is already used`;
}
