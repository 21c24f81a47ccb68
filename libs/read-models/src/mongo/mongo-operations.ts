/**
 * The pure half of the MongoDB read-model store: how read-model names, ids and changes map to
 * MongoDB collections, queries and bulk operations, and the queue that keeps commits in call
 * order. Kept apart from the driver calls so that it is tested without a server.
 */
import type { AnyBulkWriteOperation } from 'mongodb';
import { stored } from '../generations';
import type { Doc, DocChange } from '../read-model-store.port';

/**
 * A read-model document as stored: wrapped, not spread. Any JSON document then fits as it is (its
 * own `_id` field, or a top-level key starting with `$`, which a replacement may not have), and a
 * read hands back exactly what was committed, with nothing to strip.
 */
export interface StoredDoc {
  _id: string;
  doc: Doc;
}

export interface StoredCheckpoint {
  _id: string;
  position: number;
  recordedAt: string | null;
  /** Set when the generation is switched away from: a commit's fenced upsert then fails on it. */
  retired?: boolean;
}

/** Where each projection's active and building generations are kept. */
export const GENERATIONS = 'generations';

/** Where checkpoints live; no read-model collection can be named so, as those carry a prefix. */
export const CHECKPOINTS = 'checkpoints';

/**
 * The MongoDB collection of a read-model collection. The prefix keeps read models apart from
 * `checkpoints` and from anything else in the database, and can never make a `system.` name.
 */
export function collectionName(collection: string): string {
  if (collection === '' || /[$\0]/.test(collection)) throw new Error(`read-model collection name ${JSON.stringify(collection)} is not allowed in MongoDB`);
  return `rm_${collection}`;
}

/**
 * The `_id` range of the ids starting with `prefix`. MongoDB compares strings (no collation) by
 * their UTF-8 bytes, as SQLite's BINARY collation does, so the same bounds as the SQLite adapter
 * give the same ids in the same order: everything from the prefix up to the prefix followed by the
 * last code point, U+10FFFF (U+FFFF would miss ids whose next character lies beyond the BMP).
 */
export function prefixRange(prefix = ''): { $gte: string; $lt: string } {
  return { $gte: prefix, $lt: `${prefix}\u{10FFFF}` };
}

/**
 * The changes as bulk operations per MongoDB collection, in the order given. The documents are
 * copied here, synchronously, because the projector goes on mutating them once commit returns;
 * a JSON round trip gives exactly the values the SQLite adapter stores (undefined dropped, dates
 * as strings), so both adapters hand back the same documents. A document that cannot be
 * serialised throws here, before anything is written.
 */
export function toBulkWrites(changes: DocChange[], generation = 0): Map<string, AnyBulkWriteOperation<StoredDoc>[]> {
  const writes = new Map<string, AnyBulkWriteOperation<StoredDoc>[]>();
  for (const { collection, id, doc } of changes) {
    const name = collectionName(stored(collection, generation));
    const operation: AnyBulkWriteOperation<StoredDoc> = doc === null
      ? { deleteOne: { filter: { _id: id } } }
      : { replaceOne: { filter: { _id: id }, replacement: { doc: JSON.parse(JSON.stringify(doc)) as Doc }, upsert: true } };
    const list = writes.get(name);
    if (list) list.push(operation);
    else writes.set(name, [operation]);
  }
  return writes;
}

/**
 * Runs tasks one after another in the order they were handed in, each once the previous one has
 * settled: a failed commit fails its own caller and does not block the commits after it.
 */
export class InOrder {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every task handed in so far has settled. */
  async drain(): Promise<void> {
    await this.tail;
  }
}
