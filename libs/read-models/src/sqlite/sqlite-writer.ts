/**
 * The read-model store's single writer, on a worker thread with its own connection
 * (./sqlite-writer.thread.ts): a batch's documents and checkpoint commit there while the projector
 * folds the next batch, and the API process's event loop never waits on a read-model transaction.
 * Messages are handled in order, one transaction each.
 */
import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { asStoreUnavailable, lockWaitLine, StoreUnavailable } from '@survey/event-store';
import { GenerationBusy, GenerationRetired } from '../generations';
import type { WriterData, WriterReply, WriterRequest } from './sqlite-writer.thread';

/** How long a write waits for another process's write lock by default (wall-clock ms, libs/event-store/src/sqlite-write-lock.ts). */
export const LOCK_BUDGET_MS = 5000;

export interface SqliteWriterOptions {
  /** How long a transaction waits for another process's write lock before it is refused (StoreUnavailable). */
  lockBudgetMs?: number;
  /** Told when a transaction waited a second or more for the write lock (a warning; the line says how often SQLite's handler gave up early). */
  onLockWait?: (line: string) => void;
}

export const PRAGMAS = [
  // First: switching to WAL and creating the tables wait for another process that holds a lock.
  `busy_timeout = ${LOCK_BUDGET_MS}`,
  'journal_mode = WAL',
  // WAL + NORMAL may lose the last commits on power loss, atomically with their checkpoint.
  'synchronous = NORMAL',
  // Ballot documents are keyed at random: keep the B-tree's hot pages cached, and let the WAL
  // grow to 256 MiB before a checkpoint writes pages back, so a page many batches dirtied is
  // written back once (a rebuild measured ~8% faster than with 64 MiB).
  'cache_size = -65536',
  'wal_autocheckpoint = 65536',
];

/**
 * The thread's file beside this one: .js when compiled (dist/, the built server), .ts under the
 * test runner, whose transform compiles modules in memory for its own thread only. The thread then
 * registers @swc/register (a dev dependency: the same compiler as the test runner's, and no
 * TypeScript to load) for the libs' .ts files before loading its own: this lib's and the event
 * store's write lock (libs/event-store/src/sqlite-write-lock.ts), which the thread shares.
 */
const THREAD = join(__dirname, `sqlite-writer.thread${extname(__filename)}`);

function startThread(data: WriterData): Worker {
  if (extname(THREAD) === '.js') return new Worker(THREAD, { workerData: data });
  const swc = { cwd: resolve(__dirname, '../../..'), swcrc: false, extensions: ['.ts'], jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
  const source = `require(${JSON.stringify(require.resolve('@swc/register'))})(${JSON.stringify(swc)}); require(${JSON.stringify(THREAD)});`;
  return new Worker(source, { eval: true, workerData: data });
}

/** A full disk, a read-only file or a lock held past the budget is StoreUnavailable (the projection retries it); anything else says what failed. */
function writeFailure(message: string, code: string | undefined): Error {
  const error = asStoreUnavailable(Object.assign(new Error(message), { code }), 'read-models.db');
  return error instanceof StoreUnavailable ? error : new Error(`read-model write failed: ${message}`);
}

export class SqliteWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (e: Error) => void }>();
  private next = 0;
  private failure: Error | null = null;

  constructor(file: string, options: SqliteWriterOptions = {}) {
    this.worker = startThread({ file, pragmas: PRAGMAS, lockBudgetMs: options.lockBudgetMs ?? LOCK_BUDGET_MS });
    this.worker.on('message', (m: WriterReply) => {
      const waiter = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.wait) (options.onLockWait ?? process.emitWarning)(lockWaitLine('read-models.db', m.wait));
      if (m.retired) waiter?.reject(new GenerationRetired(m.error));
      else if (m.busy) waiter?.reject(new GenerationBusy(m.error));
      else if (m.error) waiter?.reject(writeFailure(m.error, m.code));
      else waiter?.resolve(m.value);
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`read-model writer exited (code ${code})`)));
  }

  /** Resolves with what the worker answered: nothing for writes, a value for begin, switch and drop. */
  send<T = void>(request: WriterRequest): Promise<T> {
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
