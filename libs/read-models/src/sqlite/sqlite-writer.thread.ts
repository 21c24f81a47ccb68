/**
 * The read-model store's writer thread (started by ./sqlite-writer.ts, never imported): its own
 * connection to the file, one transaction per message, handled in the order sent. Each answer
 * goes back with the message's id: a value for begin, switch and drop, or the error, marked when
 * it is a generation's refusal so that the caller can throw the same class.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { beginning, dropProblem, fenceProblem, generationsOf, maySwitch, switchProblem } from '../generation-rules';
import type { HeldGenerations } from '../generation-rules';
import { BuilderClaim, GenerationBusy, GenerationRetired, stored } from '../generations';
// By its path, not through @survey/event-store's index: this thread loads that one module, no other driver.
import { isNoteworthy, LockWait, SqliteWriteLock } from '../../../event-store/src/sqlite-write-lock';

export interface WriterData {
  file: string;
  pragmas: readonly string[];
  /** How long a transaction waits for another process's write lock before it is refused (wall-clock ms). */
  lockBudgetMs: number;
}

export type WriterRequest =
  /**
   * The documents as one text, each its collection, id and JSON one after the other, and
   * `lengths` three per document (a JSON length of -1 deletes it): one string crosses to the
   * thread in a single copy, where thousands of small ones cost the main thread ~8% of a rebuild.
   */
  | { kind: 'commit'; text: string; lengths: number[]; projection: string; checkpointKey: string; position: number; recordedAt: string | null; generation?: number }
  | { kind: 'reset'; checkpointKey: string; collections: readonly string[] }
  | { kind: 'begin'; projection: string; claim?: BuilderClaim; now: number }
  | { kind: 'release'; projection: string; builder: string }
  | { kind: 'switch'; projection: string; generation: number; collections: readonly string[] }
  | { kind: 'drop'; projection: string; generation: number; collections: readonly string[]; limit: number }
  | { kind: 'close' };

/** `code`: the driver's error code (SQLITE_FULL, SQLITE_READONLY…), so the caller can tell a full disk. */
/** `wait`: the write lock was a second or more in coming (the caller warns). */
export type WriterReply = { id: number; value?: unknown; error?: string; code?: string; retired?: boolean; busy?: boolean; wait?: LockWait };


type Of<K extends WriterRequest['kind']> = Extract<WriterRequest, { kind: K }>;

function serve(port: MessagePort, { file, pragmas, lockBudgetMs }: WriterData): void {
  const db = new Database(file);
  for (const pragma of pragmas) db.pragma(pragma);
  const lock = new SqliteWriteLock(db, lockBudgetMs);
  const put = db.prepare<[string, string, string]>('INSERT INTO docs (collection, id, doc) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET doc = excluded.doc');
  const remove = db.prepare<[string, string]>('DELETE FROM docs WHERE collection = ? AND id = ?');
  const removeAll = db.prepare<[string]>('DELETE FROM docs WHERE collection = ?');
  const removeSome = db.prepare<[string, number]>('DELETE FROM docs WHERE rowid IN (SELECT rowid FROM docs WHERE collection = ? LIMIT ?)');
  const save = db.prepare<[string, number, string | null]>(
    'INSERT INTO checkpoints (projection, position, recorded_at) VALUES (?, ?, ?) ON CONFLICT (projection) DO UPDATE SET position = excluded.position, recorded_at = excluded.recorded_at',
  );
  const forget = db.prepare<[string]>('DELETE FROM checkpoints WHERE projection = ?');
  const positionOf = db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE projection = ?');
  const held = db.prepare<[string], HeldGenerations>('SELECT active, building, builder, lease_until AS leaseUntil FROM generations WHERE projection = ?');
  const claim = db.prepare<[string, number, string]>('UPDATE generations SET builder = ?, lease_until = ? WHERE projection = ?');
  const release = db.prepare<[string, string]>('UPDATE generations SET builder = NULL, lease_until = NULL WHERE projection = ? AND builder = ?');
  const setGenerations = db.prepare<[string, number, number | null]>(
    'INSERT INTO generations (projection, active, building) VALUES (?, ?, ?) ON CONFLICT (projection) DO UPDATE SET active = excluded.active, building = excluded.building, builder = NULL, lease_until = NULL',
  );
  const serveFrom = db.prepare<[string, string]>('INSERT INTO served_collections (collection, stored) VALUES (?, ?) ON CONFLICT (collection) DO UPDATE SET stored = excluded.stored');
  const generationsNow = (projection: string) => generationsOf(held.get(projection));
  const position = (key: string) => positionOf.get(key)?.position ?? 0;

  // A fenced commit writes nothing unless its generation is the active or the building one: the
  // check and the writes are one transaction, so a switch lands entirely before or after it.
  const commit = (m: Of<'commit'>) => {
    if (m.generation !== undefined) {
      const problem = fenceProblem(m.projection, m.generation, generationsNow(m.projection));
      if (problem) throw new GenerationRetired(problem);
    }
    const { text, lengths } = m;
    let at = 0;
    const next = (length: number) => text.slice(at, (at += length));
    for (let i = 0; i < lengths.length; i += 3) {
      const collection = next(lengths[i]);
      const id = next(lengths[i + 1]);
      if (lengths[i + 2] < 0) remove.run(collection, id);
      else put.run(collection, id, next(lengths[i + 2]));
    }
    save.run(m.checkpointKey, m.position, m.recordedAt);
  };
  const reset = (m: Of<'reset'>) => {
    for (const c of m.collections) removeAll.run(c);
    forget.run(m.checkpointKey);
  };
  const begin = (m: Of<'begin'>) => {
    const next = beginning(m.projection, held.get(m.projection), m.claim, m.now);
    if (next.fresh) setGenerations.run(m.projection, next.active, next.building);
    if (next.lease) claim.run(next.lease.builder, next.lease.leaseUntil, m.projection);
    return next.building;
  };
  const switchTo = (m: Of<'switch'>) => {
    const g = generationsNow(m.projection);
    const problem = switchProblem(m.projection, m.generation, g);
    if (problem) throw new Error(problem);
    if (!maySwitch({ building: position(stored(m.projection, m.generation)), active: position(stored(m.projection, g.active)) })) return false;
    setGenerations.run(m.projection, m.generation, null);
    for (const c of m.collections) serveFrom.run(c, stored(c, m.generation));
    return true;
  };
  // Deletes at most m.limit documents per transaction, so the live projector's commits interleave.
  const drop = (m: Of<'drop'>) => {
    const problem = dropProblem(m.projection, m.generation, generationsNow(m.projection));
    if (problem) throw new Error(problem);
    let left = m.limit;
    for (const c of m.collections) if (left > 0) left -= removeSome.run(stored(c, m.generation), left).changes;
    if (left > 0) forget.run(stored(m.projection, m.generation));
    return m.limit - left;
  };

  // Each one IMMEDIATE transaction (libs/event-store/src/sqlite-write-lock.ts): these read before they write, and
  // another process (the API beside apps/projector, the CLI during a rebuild) writes the same file;
  // the write lock is taken up front, waiting out the other's commit within the lock budget.
  const handle = (m: WriterRequest): { value: unknown; wait?: LockWait } => {
    switch (m.kind) {
      case 'commit':
        return lock.write(() => commit(m));
      case 'reset':
        return lock.write(() => reset(m));
      case 'begin':
        return lock.write(() => begin(m));
      case 'release':
        return lock.write(() => void release.run(m.projection, m.builder));
      case 'switch':
        return lock.write(() => switchTo(m));
      case 'drop':
        return lock.write(() => drop(m));
      case 'close':
        return { value: void db.close() };
    }
  };

  port.on('message', (m: WriterRequest & { id: number }) => {
    let reply: WriterReply;
    try {
      const { value, wait } = handle(m);
      reply = { id: m.id, value, ...(isNoteworthy(wait) ? { wait } : {}) };
    } catch (e) {
      const code = (e as { code?: unknown } | null)?.code;
      reply = {
        id: m.id,
        error: e instanceof Error ? e.message : String(e),
        code: typeof code === 'string' ? code : undefined,
        retired: e instanceof GenerationRetired,
        busy: e instanceof GenerationBusy,
      };
    }
    port.postMessage(reply);
  });
}

if (parentPort) serve(parentPort, workerData as WriterData);
