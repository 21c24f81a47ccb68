/**
 * The embedded EventStore adapter: one SQLite file (WAL, synchronous=FULL) written by group
 * commit on a writer thread (./sqlite-append-writer.ts). The event loop queues appends; while one
 * batch commits on the thread, the next accumulates, and all of it goes in the next transaction
 * and so one fsync. Each append's revision check runs inside that transaction, and a refused one
 * costs only itself. An append's promise resolves once its batch is durable, and reads (on this
 * connection) see it from then on.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Conflict, WrongExpectedRevision } from '@survey/domain';
import { serializeAppend } from './append-request';
import type { AppendRequest, QueuedAppend } from './append-request';
import type {
  AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, RecordedEvent, Subscription, SubscriptionOptions,
} from './event-store.port';
import { FeedSubscription } from './feed-subscription';
import { LogFeed } from './log-feed';
import type { LogFeedOptions } from './log-feed';
import { asStoreUnavailable, StorageStatus, StoreUnavailable } from './store-unavailable';
import { migrateChainColumn } from './sqlite-chain-migration';
import { asDriverError, SqliteAppendWriter } from './sqlite-append-writer';
import type { AppendOutcome } from './sqlite-append-writer.thread';
import { lockWaitLine } from './sqlite-write-lock';
import { appendedToRecorded, prepareStatements, rawToRecorded, rawToRecordedHashed, SCHEMA, toRecorded } from './sqlite-schema';
import type { Statements } from './sqlite-schema';

export interface SqliteEventStoreOptions {
  /** How often a caught-up subscription looks for commits made by other processes. */
  pollIntervalMs?: number;
  /**
   * How long a group commit waits for another process's write lock before its batch is refused
   * (StoreUnavailable: 503 at the edge), in wall-clock ms (./sqlite-write-lock.ts). Default 5000.
   */
  busyTimeoutMs?: number;
  /** Told when a commit waited a second or more for the write lock (a warning; the line says how often SQLite's handler gave up early). */
  onLockWait?: (line: string) => void;
  /** Told once when opening a log written before the hash chain existed has backfilled its hashes. */
  onMigrated?: (line: string) => void;
  /** Told when the log stops being writable (full disk, read-only, I/O errors) and when it is again. */
  onStorageChange?: (status: StorageStatus) => void;
  /** While the log cannot be written, how often a probe write checks whether it can again. */
  probeIntervalMs?: number;
  /** Told after each group commit: how many appends it carried, how long it took, whether storage took it (metrics). */
  onCommit?: (appends: number, seconds: number, ok: boolean) => void;
  /** How much one shared read of the log's tail takes, and how much of it stays for subscriptions a little behind. */
  feed?: LogFeedOptions;
}

/** Bounds one transaction, so a burst cannot hold the write lock (and other processes' writers) for long. */
const MAX_BATCH = 5000;
/**
 * A queue this long goes to the writer at once instead of at the next turn of the event loop (if no
 * commit is in flight): a caller appending thousands at once (the demo's lanes, a batch import)
 * gets its first commit on the writer thread while it decides the rest, rather than deciding all,
 * then waiting for all. Under HTTP load a turn's queue is far shorter, and nothing changes there.
 */
const EAGER_FLUSH = 512;
const STORE_NAME = 'events.db';

/** The writer thread's connection; this one only reads (and folds the WAL back on close). */
const WRITER_PRAGMAS = [
  'synchronous = FULL',
  // Appends land on random leaves of the (stream, revision) index: a larger page cache keeps them
  // in memory, and a larger WAL lets one checkpoint write back a page that many commits dirtied.
  'cache_size = -65536',
  'wal_autocheckpoint = 16384',
];

export class SqliteEventStore implements EventStore {
  /** Positions are row ids: one per event. */
  readonly positionUnit = 'events' as const;
  private readonly sql: Statements;
  private readonly subscriptions = new Set<FeedSubscription>();
  /** Reads each new range of the log once for every subscription at the head. */
  private readonly feed: LogFeed;
  private queue: AppendRequest[] = [];
  private flushScheduled = false;
  /** The batch on the writer thread, if any: one at a time, so what queues meanwhile forms the next. */
  private inFlight: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private storage: StorageStatus = { writable: true };
  private probe: NodeJS.Timeout | undefined;

  private constructor(
    private readonly db: Database.Database,
    private readonly writer: SqliteAppendWriter,
    pollIntervalMs: number,
    private readonly options: Pick<SqliteEventStoreOptions, 'onStorageChange' | 'probeIntervalMs' | 'onCommit' | 'feed' | 'onLockWait'> = {},
  ) {
    this.sql = prepareStatements(db);
    this.feed = new LogFeed({
      readTail: (after, limit) => this.readTailSync(after, limit),
      readRange: (after, upTo, limit, hashes) => this.readRangeSync(after, upTo, limit, hashes),
      head: () => this.headSync(),
    }, pollIntervalMs, options.feed);
  }

  /** `file` is a file path: the writer thread opens it too (so not ':memory:', which would be a second, empty database). */
  static open(file: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    if (file === ':memory:') throw new Error('SqliteEventStore needs a file: its writer thread opens the same file');
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('cache_size = -65536');
      db.exec(SCHEMA);
      const backfilled = migrateChainColumn(db);
      if (backfilled > 0) {
        (options.onMigrated ?? process.emitWarning)(`events.db: added the hash chain; ${backfilled} existing events hashed as they stand (the chain attests to them from now on)`);
      }
      const writer = new SqliteAppendWriter(file, WRITER_PRAGMAS, busyTimeoutMs);
      return new SqliteEventStore(db, writer, options.pollIntervalMs ?? 250, options);
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
      if (this.queue.length >= EAGER_FLUSH && !this.inFlight) this.flush();
      else this.scheduleFlush();
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
    const subscription = new FeedSubscription(this.feed, () => this.headSync(), options, handler, onError, (s) =>
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
    // Every append accepted before close() is committed (or refused) before the writer closes.
    while (this.inFlight || this.queue.length > 0) {
      if (!this.inFlight) this.flush();
      await this.inFlight;
    }
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.writer.close();
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
    if (this.inFlight || this.queue.length === 0) return;
    const batch = this.queue.splice(0, MAX_BATCH);
    this.inFlight = this.commit(batch).finally(() => {
      this.inFlight = undefined;
      // What queued while this batch was on the thread goes at once: it has waited a commit already.
      if (this.queue.length > 0) this.flush();
    });
  }

  private async commit(batch: AppendRequest[]): Promise<void> {
    let outcomes: AppendOutcome[];
    let tail: { after: number } | undefined;
    try {
      const answer = await this.writer.commit(batch.map(({ stream, expected, events }): QueuedAppend => ({ stream, expected, events })));
      this.options.onCommit?.(batch.length, answer.seconds, !('failure' in answer));
      if (answer.wait) (this.options.onLockWait ?? process.emitWarning)(lockWaitLine(STORE_NAME, answer.wait));
      if ('failure' in answer) throw answer.failure;
      ({ outcomes, tail } = answer);
    } catch (error) {
      const failure = this.failed(error);
      for (const request of batch) request.reject(failure);
      return;
    }
    batch.forEach((request, i) => {
      const outcome = outcomes[i];
      if ('result' in outcome) request.resolve(outcome.result);
      else request.reject(this.failed(refusalError(outcome.refused)));
    });
    if (outcomes.some((o) => 'result' in o)) {
      this.writable();
      // The commit's events go to the subscriptions as committed, rather than read back from the file.
      const own = tail && this.feed.follows(tail.after) ? appended(batch, outcomes, tail.after) : undefined;
      if (own) this.feed.extend(own.events, own.hashes);
      else this.feed.notify();
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
    if (this.closing) return;
    this.writer.probe().then(
      () => this.writable(),
      () => undefined, // still unwritable: the next probe or append tries again
    );
  }

  private writable(): void {
    if (this.storage.writable) return;
    clearInterval(this.probe);
    this.probe = undefined;
    this.storage = { writable: true };
    this.options.onStorageChange?.(this.storage);
  }

  private readAllSync(after: number, limit: number, hashes: boolean): RecordedEvent[] {
    const sql = this.open();
    return hashes ? sql.readAllHashed.all(after, limit).map(rawToRecordedHashed) : sql.readAll.all(after, limit).map(rawToRecorded);
  }

  /** The shared tail's read: hashes included, since whoever follows the head with them (the sealer) takes the same batch. */
  private readTailSync(after: number, limit: number): { events: RecordedEvent[]; hashes: (string | undefined)[] } {
    const rows = this.open().readAllHashed.all(after, limit);
    return { events: rows.map(rawToRecorded), hashes: rows.map((row) => row[7] ?? undefined) };
  }

  private readRangeSync(after: number, upTo: number, limit: number, hashes: boolean): RecordedEvent[] {
    const sql = this.open();
    return hashes ? sql.readRangeHashed.all(after, upTo, limit).map(rawToRecordedHashed) : sql.readRange.all(after, upTo, limit).map(rawToRecorded);
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

/**
 * The events a commit inserted, as the log now holds them at the positions after `after` (the
 * writer saw them take exactly those); undefined if the outcomes do not add up to that, and the
 * feed reads them instead.
 */
function appended(batch: AppendRequest[], outcomes: AppendOutcome[], after: number): { events: RecordedEvent[]; hashes: string[] } | undefined {
  const events: RecordedEvent[] = [];
  const hashes: string[] = [];
  let position = after;
  for (const [i, outcome] of outcomes.entries()) {
    if (!('result' in outcome) || !outcome.hashes) continue;
    const { stream, events: written } = batch[i];
    const { result } = outcome;
    if (written.length !== outcome.hashes.length || result.position !== position + written.length) return undefined;
    const first = result.revision - written.length + 1;
    written.forEach((e, k) => events.push(appendedToRecorded(stream, first + k, ++position, e)));
    hashes.push(...outcome.hashes);
  }
  return events.length > 0 ? { events, hashes } : undefined;
}

/** A refusal the writer thread reported, as the error this store has always raised for it. */
function refusalError(refused: Extract<AppendOutcome, { refused: unknown }>['refused']): Error {
  switch (refused.kind) {
    case 'wrong-revision':
      return new WrongExpectedRevision(refused.stream, refused.expected, refused.actual);
    case 'conflict':
      return new Conflict(refused.message);
    case 'driver':
      return asDriverError(refused);
  }
}
