/**
 * The read-model store's single writer, on a worker thread with its own connection: a batch's
 * documents and checkpoint commit there while the projector folds the next batch, and the API
 * process's event loop never waits on a read-model transaction. Messages are handled in order,
 * one transaction each. The worker's source is inline (eval) so the same code runs compiled
 * and under the test runner's TypeScript transform.
 */
import { Worker } from 'node:worker_threads';
import { asStoreUnavailable, StoreUnavailable } from '@survey/event-store';
import { GenerationBusy, GenerationRetired } from '../generations';

export const PRAGMAS = [
  'journal_mode = WAL',
  // WAL + NORMAL may lose the last commits on power loss, atomically with their checkpoint.
  'synchronous = NORMAL',
  'busy_timeout = 5000',
  // Ballot documents are keyed at random: keep the B-tree's hot pages cached, and let the WAL
  // grow to 256 MiB before a checkpoint writes pages back, so a page many batches dirtied is
  // written back once (a rebuild measured ~8% faster than with 64 MiB).
  'cache_size = -65536',
  'wal_autocheckpoint = 65536',
];

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
for (const p of workerData.pragmas) db.pragma(p);
const put = db.prepare('INSERT INTO docs (collection, id, doc) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET doc = excluded.doc');
const remove = db.prepare('DELETE FROM docs WHERE collection = ? AND id = ?');
const removeAll = db.prepare('DELETE FROM docs WHERE collection = ?');
const removeSome = db.prepare('DELETE FROM docs WHERE rowid IN (SELECT rowid FROM docs WHERE collection = ? LIMIT ?)');
const save = db.prepare('INSERT INTO checkpoints (projection, position, recorded_at) VALUES (?, ?, ?) ON CONFLICT (projection) DO UPDATE SET position = excluded.position, recorded_at = excluded.recorded_at');
const forget = db.prepare('DELETE FROM checkpoints WHERE projection = ?');
const position = db.prepare('SELECT position FROM checkpoints WHERE projection = ?').pluck();
const generations = db.prepare('SELECT active, building, builder, lease_until AS leaseUntil FROM generations WHERE projection = ?');
const claim = db.prepare('UPDATE generations SET builder = ?, lease_until = ? WHERE projection = ?');
const release = db.prepare('UPDATE generations SET builder = NULL, lease_until = NULL WHERE projection = ? AND builder = ?');
const setGenerations = db.prepare('INSERT INTO generations (projection, active, building) VALUES (?, ?, ?) ON CONFLICT (projection) DO UPDATE SET active = excluded.active, building = excluded.building, builder = NULL, lease_until = NULL');
const serve = db.prepare('INSERT INTO served_collections (collection, stored) VALUES (?, ?) ON CONFLICT (collection) DO UPDATE SET stored = excluded.stored');
const stored = (name, g) => (g === 0 ? name : name + '@' + g);
const generationsOf = (projection) => generations.get(projection) || { active: 0, building: null };
class Refused extends Error {}
class Busy extends Error {}
// A fenced commit writes nothing unless its generation is the active or the building one: the
// check and the writes are one transaction, so a switch lands entirely before or after it.
const commit = db.transaction((m) => {
  if (m.generation !== undefined) {
    const g = generationsOf(m.projection);
    if (m.generation !== g.active && m.generation !== g.building) {
      throw new Refused('generation ' + m.generation + ' of projection ' + m.projection + ' is retired (the active one is ' + g.active + ')');
    }
  }
  const rows = m.rows;
  for (let i = 0; i < rows.length; i += 3) {
    if (rows[i + 2] === null) remove.run(rows[i], rows[i + 1]);
    else put.run(rows[i], rows[i + 1], rows[i + 2]);
  }
  save.run(m.checkpointKey, m.position, m.recordedAt);
});
const reset = db.transaction((m) => {
  for (const c of m.collections) removeAll.run(c);
  forget.run(m.checkpointKey);
});
const begin = db.transaction((m) => {
  const g = generationsOf(m.projection);
  if (m.claim && g.building !== null && g.builder && g.builder !== m.claim.builder && g.leaseUntil > m.now) {
    throw new Busy('generation ' + g.building + ' of projection ' + m.projection + ' is being built by ' + g.builder + ' (claim renewed until ' + new Date(g.leaseUntil).toISOString() + '); one rebuild of a projection at a time');
  }
  const building = g.building !== null ? g.building : Math.max(g.active, 0) + 1;
  if (g.building === null) setGenerations.run(m.projection, g.active, building);
  if (m.claim) claim.run(m.claim.builder, m.now + m.claim.leaseMs, m.projection);
  return building;
});
const switchTo = db.transaction((m) => {
  const g = generationsOf(m.projection);
  if (g.building !== m.generation) throw new Error('generation ' + m.generation + ' of projection ' + m.projection + ' is not being built');
  const reached = position.get(stored(m.projection, m.generation)) || 0;
  if (reached < (position.get(stored(m.projection, g.active)) || 0)) return false;
  setGenerations.run(m.projection, m.generation, null);
  for (const c of m.collections) serve.run(c, stored(c, m.generation));
  return true;
});
// Deletes at most m.limit documents per transaction, so the live projector's commits interleave.
const drop = db.transaction((m) => {
  const g = generationsOf(m.projection);
  if (m.generation === g.active || m.generation === g.building) throw new Error('generation ' + m.generation + ' of projection ' + m.projection + ' is in use');
  let left = m.limit;
  for (const c of m.collections) if (left > 0) left -= removeSome.run(stored(c, m.generation), left).changes;
  if (left > 0) forget.run(stored(m.projection, m.generation));
  return m.limit - left;
});
// BEGIN IMMEDIATE: these transactions read before they write, and another process (the CLI during
// a rebuild) may write the same file; a deferred one would fail at once with SQLITE_BUSY when it
// upgrades to a write, instead of waiting out busy_timeout.
parentPort.on('message', (m) => {
  try {
    let value;
    if (m.kind === 'commit') commit.immediate(m);
    else if (m.kind === 'reset') reset.immediate(m);
    else if (m.kind === 'begin') value = begin.immediate(m);
    else if (m.kind === 'release') release.run(m.projection, m.builder);
    else if (m.kind === 'switch') value = switchTo.immediate(m);
    else if (m.kind === 'drop') value = drop.immediate(m);
    else if (m.kind === 'close') db.close();
    parentPort.postMessage({ id: m.id, value });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: e && e.message ? e.message : String(e), code: e && e.code, retired: e instanceof Refused, busy: e instanceof Busy });
  }
});
`;

type Request =
  | { kind: 'commit'; rows: (string | null)[]; projection: string; checkpointKey: string; position: number; recordedAt: string | null; generation?: number }
  | { kind: 'reset'; checkpointKey: string; collections: readonly string[] }
  | { kind: 'begin'; projection: string; claim?: { builder: string; leaseMs: number }; now: number }
  | { kind: 'release'; projection: string; builder: string }
  | { kind: 'switch'; projection: string; generation: number; collections: readonly string[] }
  | { kind: 'drop'; projection: string; generation: number; collections: readonly string[]; limit: number }
  | { kind: 'close' };

/** A full disk or a read-only file is StoreUnavailable (the projection retries it); anything else says what failed. */
function writeFailure(message: string, code: string | undefined): Error {
  const error = asStoreUnavailable(Object.assign(new Error(message), { code }), 'read-models.db');
  return error instanceof StoreUnavailable ? error : new Error(`read-model write failed: ${message}`);
}

export class SqliteWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (e: Error) => void }>();
  private next = 0;
  private failure: Error | null = null;

  constructor(file: string) {
    this.worker = new Worker(SOURCE, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3'), pragmas: PRAGMAS } });
    this.worker.on('message', (m: { id: number; error?: string; code?: string; retired?: boolean; busy?: boolean; value?: unknown }) => {
      const waiter = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.retired) waiter?.reject(new GenerationRetired(m.error));
      else if (m.busy) waiter?.reject(new GenerationBusy(m.error));
      else if (m.error) waiter?.reject(writeFailure(m.error, m.code));
      else waiter?.resolve(m.value);
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`read-model writer exited (code ${code})`)));
  }

  /** Resolves with what the worker answered: nothing for writes, a value for begin, switch and drop. */
  send<T = void>(request: Request): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  async close(): Promise<void> {
    if (this.failure) return;
    await this.send({ kind: 'close' });
    this.failure = new Error('read-model store is closed');
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}
