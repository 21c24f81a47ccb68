/**
 * What the SQLite adapter queues for its group commit: an append checked and serialised up front,
 * so a malformed request fails on its own and the flush only does SQL. The rules that decide
 * whether a revision satisfies an expectation and when a repeat is a retry are in ./append-rules.ts;
 * earlierResult raises their verdict as the domain's Conflict.
 */
import { Conflict } from '@survey/domain';
import { assertAppendFits } from './append-limit';
import { earlierAppend, idUsedMessage } from './append-rules';
import type { StoredAt } from './append-rules';
import type { AppendResult, ExpectedRevision, NewEvent } from './event-store.port';

export interface SerializedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

export interface AppendRequest {
  stream: string;
  expected: ExpectedRevision;
  events: SerializedEvent[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export type QueuedAppend = Omit<AppendRequest, 'resolve' | 'reject'>;

export { describeRevision, satisfies, type StoredAt } from './append-rules';

/**
 * Throws on a request no store could accept; duplicate ids inside one append are a Conflict, and an
 * append over the one size limit every adapter shares is AppendTooLarge (./append-limit.ts).
 */
export function serializeAppend(stream: string, events: NewEvent[], expected: ExpectedRevision): QueuedAppend {
  if (typeof stream !== 'string' || stream.length === 0) throw new TypeError('stream must be a non-empty string');
  if (!isExpectedRevision(expected)) {
    throw new TypeError(`expected revision must be 'no_stream', 'any' or a non-negative integer, got ${String(expected)}`);
  }
  if (!Array.isArray(events)) throw new TypeError('events must be an array');
  const ids = new Set<string>();
  const serialized = events.map((e) => {
    if (typeof e.id !== 'string' || e.id.length === 0) throw new TypeError('event id must be a non-empty string');
    if (typeof e.type !== 'string' || e.type.length === 0) throw new TypeError('event type must be a non-empty string');
    if (ids.has(e.id)) throw new Conflict(`event id ${e.id} is already used in the same append`);
    ids.add(e.id);
    return { id: e.id, type: e.type, data: toJson(e.data, 'data', e.id), metadata: toJson(e.metadata, 'metadata', e.id) };
  });
  assertAppendFits(stream, serialized);
  return { stream, expected, events: serialized };
}

function toJson(value: unknown, what: string, id: string): string {
  // JSON.stringify gives undefined for undefined or a function: nothing an auditor could read back.
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new TypeError(`event ${id}: ${what} is not JSON-serialisable`);
  return json;
}

export function isExpectedRevision(expected: unknown): expected is ExpectedRevision {
  return expected === 'no_stream' || expected === 'any' || (Number.isSafeInteger(expected) && (expected as number) >= 0);
}

/**
 * `found[i]` is where `request.events[i].id` is stored. Returns the original result when every id
 * is in this stream at the revisions the same expectation gave them; undefined when none is stored;
 * otherwise throws a Conflict.
 */
export function earlierResult(request: QueuedAppend, found: (StoredAt | undefined)[]): AppendResult | undefined {
  const earlier = earlierAppend(request.stream, request.expected, request.events.map((e) => e.id), found);
  if (earlier.kind === 'conflict') throw new Conflict(idUsedMessage(earlier.id));
  return earlier.kind === 'retry' ? earlier.result : undefined;
}
