/**
 * The event log's writer thread (started by ./sqlite-append-writer.ts, never imported): its own
 * connection to events.db, and each 'commit' message one group commit — every append the event
 * loop queued meanwhile, in one IMMEDIATE transaction and so one fsync (synchronous=FULL), each
 * append's revision check inside it. The answer goes back only once the commit is durable: the
 * caller resolves an append's promise on it. Refusals travel as data, and the caller raises the
 * domain's errors (this thread loads no alias-mapped lib, only its own folder's modules).
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { QueuedAppend } from './append-request';
import { describeRevision, earlierAppend, idUsedMessage, satisfies } from './append-rules';
import { eventHash, GENESIS } from './chain/event-hash';
import type { AppendResult } from './event-store.port';
import { prepareStatements } from './sqlite-schema';
import { isNoteworthy, LockWait, SqliteWriteLock } from './sqlite-write-lock';

export interface AppendWriterData {
  file: string;
  pragmas: readonly string[];
  /** How long a commit waits for another process's write lock before it is refused (wall-clock ms). */
  lockBudgetMs: number;
}

/** Why one append was refused: the caller raises WrongExpectedRevision, Conflict or the driver's error from it. */
export type AppendRefusal =
  | { kind: 'wrong-revision'; stream: string; expected: string; actual: string }
  | { kind: 'conflict'; message: string }
  | { kind: 'driver'; message: string; code?: string };

export type AppendOutcome = { result: AppendResult } | { refused: AppendRefusal };

export type AppendWriterRequest = { kind: 'commit'; appends: QueuedAppend[] } | { kind: 'probe' } | { kind: 'close' };

/** `failure`: the whole message failed (a commit's transaction could not run: nothing of it is stored). */
export interface AppendWriterReply {
  id: number;
  seconds: number;
  outcomes?: AppendOutcome[];
  failure?: { message: string; code?: string };
  /** Present when the write lock was a second or more in coming (./sqlite-write-lock.ts, isNoteworthy): the caller warns. */
  wait?: LockWait;
}


function driverError(error: unknown): { message: string; code?: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return { message: error instanceof Error ? error.message : String(error), code: typeof code === 'string' ? code : undefined };
}

function serve(port: MessagePort, { file, pragmas, lockBudgetMs }: AppendWriterData): void {
  const db = new Database(file);
  for (const pragma of pragmas) db.pragma(pragma);
  const lock = new SqliteWriteLock(db, lockBudgetMs);
  const sql = prepareStatements(db);

  const insertRows = (request: QueuedAppend, from: number, previous: string): AppendResult => {
    let position = 0;
    let hash = previous;
    request.events.forEach((e, i) => {
      const revision = from + i;
      hash = eventHash(hash, { stream: request.stream, revision, type: e.type, data: e.data, metadata: e.metadata });
      position = Number(sql.insert.run(e.id, request.stream, revision, e.type, e.data, e.metadata, hash).lastInsertRowid);
    });
    return { revision: from + request.events.length - 1, position };
  };
  // Nested in the batch's transaction, better-sqlite3 runs this one as a savepoint.
  const insertEvents = db.transaction(insertRows);
  const earlier = (request: QueuedAppend) =>
    earlierAppend(request.stream, request.expected, request.events.map((e) => e.id), request.events.map((e) => sql.byId.get(e.id)));

  const appendOne = (request: QueuedAppend): AppendOutcome => {
    const last = sql.lastOfStream.get(request.stream);
    if (!satisfies(request.expected, last?.revision)) {
      const found = earlier(request);
      if (found.kind === 'retry') return { result: found.result };
      if (found.kind === 'conflict') return { refused: { kind: 'conflict', message: idUsedMessage(found.id) } };
      return {
        refused: { kind: 'wrong-revision', stream: request.stream, expected: describeRevision(request.expected), actual: describeRevision(last?.revision) },
      };
    }
    // The port leaves an empty append's result open: report the stream as it stands (-1/0 if absent).
    if (request.events.length === 0) return { result: { revision: last?.revision ?? -1, position: last?.position ?? 0 } };
    try {
      // SQLite undoes a failed statement on its own, so a one-event append needs no savepoint; only a
      // multi-event append does, to undo its earlier rows. (A savepoint per append measured about
      // 100× the cost of the insert itself, and one-event appends are the hot path.)
      // Appends of the same stream in one batch chain too: this read sees the batch's earlier rows.
      const from = (last?.revision ?? -1) + 1;
      const previous = last?.hash ?? GENESIS;
      return { result: request.events.length === 1 ? insertRows(request, from, previous) : insertEvents(request, from, previous) };
    } catch (error) {
      // The happy path skips looking ids up; a unique violation is where a retry shows itself.
      if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      const found = earlier(request);
      if (found.kind === 'retry') return { result: found.result };
      if (found.kind === 'conflict') return { refused: { kind: 'conflict', message: idUsedMessage(found.id) } };
      throw error;
    }
  };

  /** One append inside the batch transaction; its failure is its own unless SQLite dropped the whole transaction. */
  const appendIsolated = (request: QueuedAppend): AppendOutcome => {
    try {
      return appendOne(request);
    } catch (error) {
      // Errors such as SQLITE_FULL roll back the entire transaction: going on would autocommit.
      if (!db.inTransaction) throw error;
      return { refused: { kind: 'driver', ...driverError(error) } };
    }
  };

  // One IMMEDIATE transaction (./sqlite-write-lock.ts): the write lock is taken up front, waiting
  // out another process's commit within the lock budget.
  const handle = (m: AppendWriterRequest): { outcomes?: AppendOutcome[]; wait?: LockWait } => {
    switch (m.kind) {
      case 'commit': {
        const { value, wait } = lock.write(() => m.appends.map(appendIsolated));
        return { outcomes: value, wait };
      }
      case 'probe': {
        // While the log is unwritable: rewrite the header's user_version as it is, a write that changes nothing.
        const { wait } = lock.write(() => db.pragma(`user_version = ${db.pragma('user_version', { simple: true }) as number}`));
        return { wait };
      }
      case 'close':
        db.close();
        return {};
    }
  };

  port.on('message', (m: AppendWriterRequest & { id: number }) => {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    let reply: AppendWriterReply;
    try {
      const { outcomes, wait } = handle(m);
      reply = { id: m.id, seconds: seconds(), outcomes, ...(isNoteworthy(wait) ? { wait } : {}) };
    } catch (error) {
      reply = { id: m.id, seconds: seconds(), failure: driverError(error) };
    }
    port.postMessage(reply);
  });
}

if (parentPort) serve(parentPort, workerData as AppendWriterData);
