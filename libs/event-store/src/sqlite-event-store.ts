/**
 * The embedded EventStore adapter: one SQLite file (WAL, synchronous=FULL) written by group
 * commit. Appends queued in the same turn of the event loop share one transaction and so one
 * fsync; each runs in its own savepoint, so a failed expectation costs only that append.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { WrongExpectedRevision } from '@survey/domain';
import { describeRevision, earlierResult, satisfies, serializeAppend } from './append-request';
import type { AppendRequest, QueuedAppend } from './append-request';
import type {
  AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, RecordedEvent, Subscription, SubscriptionOptions,
} from './event-store.port';
import { eventHash, GENESIS } from './chain/event-hash';
import { PollingSubscription } from './polling-subscription';
import { asStoreUnavailable, StorageStatus, StoreUnavailable } from './store-unavailable';
import { migrateChainColumn } from './sqlite-chain-migration';
import { prepareStatements, rawToRecorded, rawToRecordedHashed, SCHEMA, toRecorded } from './sqlite-schema';
import type { Statements } from './sqlite-schema';

export interface SqliteEventStoreOptions {
  /** How often a caught-up subscription looks for commits made by other processes. */
  pollIntervalMs?: number;
  /** How long a flush waits for another process's write lock before failing its batch. */
  busyTimeoutMs?: number;
  /** Told once when opening a log written before the hash chain existed has backfilled its hashes. */
  onMigrated?: (line: string) => void;
  /** Told when the log stops being writable (full disk, read-only, I/O errors) and when it is again. */
  onStorageChange?: (status: StorageStatus) => void;
  /** While the log cannot be written, how often a probe write checks whether it can again. */
  probeIntervalMs?: number;
  /** Told after each group commit: how many appends it carried, how long it took, whether storage took it (metrics). */
  onCommit?: (appends: number, seconds: number, ok: boolean) => void;
}

/** Bounds one transaction, so a burst cannot hold the write lock (and the event loop) for long. */
const MAX_BATCH = 5000;
const STORE_NAME = 'events.db';

type Outcome = { result: AppendResult } | { error: unknown };

export class SqliteEventStore implements EventStore {
  /** Positions are row ids: one per event. */
  readonly positionUnit = 'events' as const;
  private readonly sql: Statements;
  private readonly writeBatch: Database.Transaction<(batch: AppendRequest[]) => Outcome[]>;
  private readonly insertEvents: Database.Transaction<(request: QueuedAppend, from: number, previous: string) => AppendResult>;
  private readonly subscriptions = new Set<PollingSubscription>();
  private queue: AppendRequest[] = [];
  private flushScheduled = false;
  private closing: Promise<void> | undefined;
  private storage: StorageStatus = { writable: true };
  private probe: NodeJS.Timeout | undefined;

  private constructor(
    private readonly db: Database.Database,
    private readonly pollIntervalMs: number,
    private readonly options: Pick<SqliteEventStoreOptions, 'onStorageChange' | 'probeIntervalMs' | 'onCommit'> = {},
  ) {
    this.sql = prepareStatements(db);
    this.insertEvents = db.transaction((request, from, previous) => this.insertRows(request, from, previous));
    this.writeBatch = db.transaction((batch) => batch.map((request) => this.appendIsolated(request)));
  }

  static open(file: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      // Appends land on random leaves of the (stream, revision) index: a larger page cache keeps them
      // in memory, and a larger WAL lets one checkpoint write back a page that many commits dirtied.
      db.pragma('cache_size = -65536');
      db.pragma('wal_autocheckpoint = 16384');
      db.exec(SCHEMA);
      const backfilled = migrateChainColumn(db);
      if (backfilled > 0) {
        (options.onMigrated ?? process.emitWarning)(`events.db: added the hash chain; ${backfilled} existing events hashed as they stand (the chain attests to them from now on)`);
      }
      return new SqliteEventStore(db, options.pollIntervalMs ?? 250, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closing) return Promise.reject(new Error('SqliteEventStore is closed: append refused'));
    let queued: QueuedAppend;
    try {
      queued = serializeAppend(stream, events, expected);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ ...queued, resolve, reject });
      this.scheduleFlush();
    });
  }

  async readStream(stream: string, fromRevision = 0): Promise<RecordedEvent[]> {
    return this.open().readStream.all(stream, fromRevision).map(toRecorded);
  }

  async readAll(after: number, limit: number, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(after, limit, options.hashes === true);
  }

  async headPosition(): Promise<number> {
    return this.headSync();
  }

  subscribeToAll(
    options: SubscriptionOptions,
    handler: (events: RecordedEvent[]) => Promise<void>,
    onError?: (error: unknown) => void,
  ): Subscription {
    if (this.closing) throw new Error('SqliteEventStore is closed: subscribe refused');
    const hashes = options.hashes === true;
    const log = { read: (after: number, limit: number) => this.readAllSync(after, limit, hashes), head: () => this.headSync() };
    const subscription = new PollingSubscription(log, options, handler, onError, this.pollIntervalMs, (s) =>
      this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  storageStatus(): StorageStatus {
    return this.storage;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.probe);
    while (this.queue.length > 0) this.flush();
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    // Read-only connections (replay workers) may outlive this one, and the last connection to close
    // is the one that folds the WAL back into the file: fold it now, so events.db alone is the log.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.queue.length === 0) return;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) this.scheduleFlush();
    let outcomes: Outcome[];
    const started = this.options.onCommit ? process.hrtime.bigint() : 0n;
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      // IMMEDIATE takes the write lock up front: a deferred read-then-write could hit
      // SQLITE_BUSY_SNAPSHOT against another process, which busy_timeout does not retry.
      outcomes = this.writeBatch.immediate(batch);
      this.options.onCommit?.(batch.length, seconds(), true);
    } catch (error) {
      this.options.onCommit?.(batch.length, seconds(), false);
      const failure = this.failed(error);
      for (const request of batch) request.reject(failure);
      return;
    }
    batch.forEach((request, i) => {
      const outcome = outcomes[i];
      if ('result' in outcome) request.resolve(outcome.result);
      else request.reject(this.failed(outcome.error));
    });
    if (outcomes.some((o) => 'result' in o)) {
      this.writable();
      for (const s of this.subscriptions) s.notify();
    }
  }

  /**
   * A full disk, a read-only file or an I/O error: the append is refused as StoreUnavailable (503 at
   * the edge; nothing acknowledged), and the log is reported unwritable until a write succeeds. A
   * probe write (the header's user_version, set to the value it has) checks every few seconds, so
   * the store recovers by itself once space returns, with or without clients retrying.
   */
  private failed(error: unknown): unknown {
    const failure = asStoreUnavailable(error, STORE_NAME);
    if (!(failure instanceof StoreUnavailable)) return error;
    if (this.storage.writable) {
      this.storage = { writable: false, error: { code: failure.code, message: failure.message, since: new Date().toISOString() } };
      this.options.onStorageChange?.(this.storage);
      this.probe = setInterval(() => this.probeWrite(), this.options.probeIntervalMs ?? 2000);
      this.probe.unref();
    }
    return failure;
  }

  private probeWrite(): void {
    if (this.closing || !this.db.open) return;
    try {
      const version = this.db.pragma('user_version', { simple: true }) as number;
      this.db.pragma(`user_version = ${version}`);
      this.writable();
    } catch {
      // still unwritable: the next probe or append tries again
    }
  }

  private writable(): void {
    if (this.storage.writable) return;
    clearInterval(this.probe);
    this.probe = undefined;
    this.storage = { writable: true };
    this.options.onStorageChange?.(this.storage);
  }

  /** One append inside the batch transaction; its failure is its own unless SQLite dropped the whole transaction. */
  private appendIsolated(request: QueuedAppend): Outcome {
    try {
      return { result: this.appendOne(request) };
    } catch (error) {
      // Errors such as SQLITE_FULL roll back the entire transaction: going on would autocommit.
      if (!this.db.inTransaction) throw error;
      return { error };
    }
  }

  private appendOne(request: QueuedAppend): AppendResult {
    const last = this.sql.lastOfStream.get(request.stream);
    if (!satisfies(request.expected, last?.revision)) {
      const retried = this.earlierAppend(request);
      if (retried) return retried;
      throw new WrongExpectedRevision(request.stream, describeRevision(request.expected), describeRevision(last?.revision));
    }
    // The port leaves an empty append's result open: report the stream as it stands (-1/0 if absent).
    if (request.events.length === 0) return { revision: last?.revision ?? -1, position: last?.position ?? 0 };
    try {
      // SQLite undoes a failed statement on its own, so a one-event append needs no savepoint; only a
      // multi-event append does, to undo its earlier rows. (A savepoint per append measured about
      // 100× the cost of the insert itself, and one-event appends are the hot path.)
      // Appends of the same stream in one batch chain too: this read sees the batch's earlier rows.
      const from = (last?.revision ?? -1) + 1;
      const previous = last?.hash ?? GENESIS;
      return request.events.length === 1 ? this.insertRows(request, from, previous) : this.insertEvents(request, from, previous);
    } catch (error) {
      // The happy path skips looking ids up; a unique violation is where a retry shows itself.
      if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      const retried = this.earlierAppend(request);
      if (retried) return retried;
      throw error;
    }
  }

  private insertRows(request: QueuedAppend, from: number, previous: string): AppendResult {
    let position = 0;
    let hash = previous;
    request.events.forEach((e, i) => {
      const revision = from + i;
      hash = eventHash(hash, { stream: request.stream, revision, type: e.type, data: e.data, metadata: e.metadata });
      position = Number(this.sql.insert.run(e.id, request.stream, revision, e.type, e.data, e.metadata, hash).lastInsertRowid);
    });
    return { revision: from + request.events.length - 1, position };
  }

  private earlierAppend(request: QueuedAppend): AppendResult | undefined {
    return earlierResult(request, request.events.map((e) => this.sql.byId.get(e.id)));
  }

  private readAllSync(after: number, limit: number, hashes: boolean): RecordedEvent[] {
    const sql = this.open();
    return hashes ? sql.readAllHashed.all(after, limit).map(rawToRecordedHashed) : sql.readAll.all(after, limit).map(rawToRecorded);
  }

  private headSync(): number {
    return this.open().head.get()?.head ?? 0;
  }

  /** After close, reads fail with a clearer message than the driver's. */
  private open(): Statements {
    if (!this.db.open) throw new Error('SqliteEventStore is closed');
    return this.sql;
  }
}
