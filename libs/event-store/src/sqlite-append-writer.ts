/**
 * The event log's single writer, on a worker thread with its own connection
 * (./sqlite-append-writer.thread.ts), so the transaction and its fsync never hold the event loop
 * that answers HTTP. Messages are handled in the order sent; a commit's answer arrives once it is
 * durable. The thread keeps the process alive only while a message is outstanding.
 */
import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { QueuedAppend } from './append-request';
import type { AppendOutcome, AppendWriterData, AppendWriterReply, AppendWriterRequest } from './sqlite-append-writer.thread';
import type { LockWait } from './sqlite-write-lock';

/**
 * The thread's file beside this one: .js when compiled (dist/), .ts under the test runner, whose
 * transform compiles modules for its own thread only; the thread then registers @swc/register (a
 * dev dependency: the test runner's compiler) for this folder's .ts files, as the read-model
 * store's writer does (libs/read-models/src/sqlite/sqlite-writer.ts).
 */
const THREAD = join(__dirname, `sqlite-append-writer.thread${extname(__filename)}`);

function startThread(data: AppendWriterData): Worker {
  if (extname(THREAD) === '.js') return new Worker(THREAD, { workerData: data });
  const swc = { cwd: resolve(__dirname, '..'), swcrc: false, extensions: ['.ts'], jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
  const source = `require(${JSON.stringify(require.resolve('@swc/register'))})(${JSON.stringify(swc)}); require(${JSON.stringify(THREAD)});`;
  return new Worker(source, { eval: true, workerData: data });
}

/**
 * A commit's answer: each append's outcome, or the error that refused the whole batch; `seconds`
 * spent on the thread; `wait` when the write lock was long in coming or refused before the budget.
 */
export type CommitAnswer = ({ outcomes: AppendOutcome[]; tail?: { after: number } } | { failure: Error }) & { seconds: number; wait?: LockWait };

type Waiter = { resolve: (reply: AppendWriterReply) => void; reject: (error: Error) => void };

export class SqliteAppendWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Waiter>();
  private next = 0;
  private failure: Error | null = null;

  constructor(file: string, pragmas: readonly string[], lockBudgetMs: number) {
    this.worker = startThread({ file, pragmas, lockBudgetMs });
    this.worker.unref();
    this.worker.on('message', (m: AppendWriterReply) => {
      const waiter = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (this.pending.size === 0) this.worker.unref();
      waiter?.resolve(m);
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`event log writer exited (code ${code})`)));
  }

  async commit(appends: QueuedAppend[]): Promise<CommitAnswer> {
    const reply = await this.send({ kind: 'commit', appends });
    const { seconds, wait } = reply;
    if (reply.failure) return { failure: asDriverError(reply.failure), seconds, wait };
    return { outcomes: reply.outcomes ?? [], tail: reply.tail, seconds, wait };
  }

  /** Resolves once a write that changes nothing succeeds; rejects with the driver's error if it cannot. */
  async probe(): Promise<void> {
    const reply = await this.send({ kind: 'probe' });
    if (reply.failure) throw asDriverError(reply.failure);
  }

  async close(): Promise<void> {
    if (this.failure) return;
    await this.send({ kind: 'close' });
    this.failure = new Error('event log writer is closed');
    await this.worker.terminate();
  }

  private send(request: AppendWriterRequest): Promise<AppendWriterReply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise<AppendWriterReply>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

/** The driver's error as the driver raises it, so codes such as SQLITE_FULL or SQLITE_BUSY read the same as before the thread. */
export function asDriverError({ message, code }: { message: string; code?: string }): Error {
  return code ? new Database.SqliteError(message, code) : new Error(message);
}
