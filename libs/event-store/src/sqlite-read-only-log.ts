/**
 * The SQLite log opened read-only on a connection of its own: what a replay worker thread folds
 * from, and where the API finds the position an as-of time resolves to without folding anything.
 * Appends and subscriptions are refused: the process's SqliteEventStore owns the file.
 */
import Database from 'better-sqlite3';
import type { AppendResult, EventStore, RecordedEvent, Subscription } from './event-store.port';
import { rawToRecorded, rawToRecordedHashed, toRecorded } from './sqlite-schema';
import type { EventRow, RawRow } from './sqlite-schema';

/** Where a time falls in the log: the last event of the prefix found, and the first event after it. */
export interface TimeInLog {
  /** Position and recordedAt of the last event at or before the time (0 / null: none). */
  position: number;
  recordedAt: string | null;
  /** The event right after it, whose recordedAt is later than the time (null: the head was reached). */
  next: { position: number; recordedAt: string } | null;
}

function prepare(db: Database.Database) {
  return {
    readStream: db.prepare<[string, number], EventRow>('SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision'),
    readAll: db.prepare<[number, number], RawRow>('SELECT position, id, stream, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?').raw(true),
    readAllHashed: db.prepare<[number, number], RawRow>('SELECT position, id, stream, revision, type, data, metadata, hash FROM events WHERE position > ? ORDER BY position LIMIT ?').raw(true),
    head: db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events'),
    // The first event in [from, before): one step of the search below, served by the primary key.
    firstIn: db.prepare<[number, number], { position: number; recordedAt: string | null }>(
      "SELECT position, json_extract(metadata, '$.recordedAt') AS recordedAt FROM events WHERE position >= ? AND position < ? ORDER BY position LIMIT 1",
    ),
  };
}

export class ReadOnlySqliteLog implements EventStore {
  private readonly sql: ReturnType<typeof prepare>;

  private constructor(private readonly db: Database.Database) {
    this.sql = prepare(db);
  }

  /** The file must exist (the writing store creates it); WAL readers see every committed append. */
  static open(file: string): ReadOnlySqliteLog {
    return new ReadOnlySqliteLog(new Database(file, { readonly: true, fileMustExist: true }));
  }

  /**
   * Bisects positions for the last event recorded at or before `time`: about 20 primary-key
   * lookups whatever the log's size. Exact when recordedAt never decreases along the log, as one
   * process with a forward clock writes it; the replay checks that while it folds (log-replay.ts).
   * An event whose recordedAt is not a time counts as later than any time, as in the fold.
   */
  locate(time: Date): TimeInLog {
    const until = time.getTime();
    let low: { position: number; recordedAt: string | null } = { position: 0, recordedAt: null };
    let high = this.headSync() + 1; // the first event at or after `high` (if any) is later than the time
    let next: TimeInLog['next'] = null;
    while (high - low.position > 1) {
      const middle = Math.floor((low.position + high) / 2);
      const row = this.sql.firstIn.get(middle, high);
      if (!row) {
        high = middle;
      } else if (Date.parse(row.recordedAt ?? '') <= until) {
        low = row;
      } else {
        high = row.position;
        next = { position: row.position, recordedAt: row.recordedAt ?? '' };
      }
    }
    return { ...low, next };
  }

  append(): Promise<AppendResult> {
    return Promise.reject(new Error('the log is open read-only here: append refused'));
  }

  async readStream(stream: string, fromRevision = 0): Promise<RecordedEvent[]> {
    return this.sql.readStream.all(stream, fromRevision).map(toRecorded);
  }

  async readAll(after: number, limit: number, options: { hashes?: boolean } = {}): Promise<RecordedEvent[]> {
    return options.hashes ? this.sql.readAllHashed.all(after, limit).map(rawToRecordedHashed) : this.sql.readAll.all(after, limit).map(rawToRecorded);
  }

  async headPosition(): Promise<number> {
    return this.headSync();
  }

  subscribeToAll(): Subscription {
    throw new Error('the log is open read-only here: subscribe refused');
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private headSync(): number {
    return this.sql.head.get()?.head ?? 0;
  }
}
