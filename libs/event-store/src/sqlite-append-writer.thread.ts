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

/** `hashes`: the events this append inserted, their chain hashes in order (absent for a retry that found them stored). */
export type AppendOutcome = { result: AppendResult; hashes?: string[] } | { refused: AppendRefusal };

export type AppendWriterRequest = { kind: 'commit'; appends: QueuedAppend[] } | { kind: 'probe' } | { kind: 'close' };

/** `failure`: the whole message failed (a commit's transaction could not run: nothing of it is stored). */
export interface AppendWriterReply {
  id: number;
  seconds: number;
  outcomes?: AppendOutcome[];
  /**
   * Present when the commit's inserted events are exactly the log's positions after `after` (no
   * other writer's row and no gap among them): the caller hands them to its subscriptions without
   * reading them back (./log-feed.ts).
   */
  tail?: { after: number };
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

  const insertRows = (request: QueuedAppend, from: number, previous: string): { result: AppendResult; hashes: string[] } => {
    let position = 0;
    let hash = previous;
    const hashes: string[] = [];
    request.events.forEach((e, i) => {
      const revision = from + i;
      hash = eventHash(hash, { stream: request.stream, revision, type: e.type, data: e.data, metadata: e.metadata });
      hashes.push(hash);
      position = Number(sql.insert.run(e.id, request.stream, revision, e.type, e.data, e.metadata, hash).lastInsertRowid);
    });
    return { result: { revision: from + request.events.length - 1, position }, hashes };
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
      return request.events.length === 1 ? insertRows(request, from, previous) : insertEvents(request, from, previous);
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
  const handle = (m: AppendWriterRequest): Pick<AppendWriterReply, 'outcomes' | 'tail' | 'wait'> => {
    switch (m.kind) {
      case 'commit': {
        const { value, wait } = lock.write(() => {
          const before = sql.head.get()?.head ?? 0;
          const outcomes = m.appends.map(appendIsolated);
          const inserted = outcomes.reduce((n, o) => n + ('hashes' in o && o.hashes ? o.hashes.length : 0), 0);
          // Inside the IMMEDIATE transaction no other connection writes: the new rows are ours, and
          // the head moving by exactly their count says they took the positions after `before`.
          const contiguous = inserted > 0 && (sql.head.get()?.head ?? 0) - before === inserted;
          return { outcomes, tail: contiguous ? { after: before } : undefined };
        });
        return { ...value, wait };
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
      const { outcomes, tail, wait } = handle(m);
      reply = { id: m.id, seconds: seconds(), outcomes, ...(tail ? { tail } : {}), ...(isNoteworthy(wait) ? { wait } : {}) };
    } catch (error) {
      reply = { id: m.id, seconds: seconds(), failure: driverError(error) };
    }
    port.postMessage(reply);
  });
}

if (parentPort) serve(parentPort, workerData as AppendWriterData);
