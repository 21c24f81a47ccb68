/**
 * An online copy of an embedded store's file (events.db, read-models.db) with SQLite's backup API,
 * on a connection of its own, while the service keeps writing to it.
 *
 * Why a read transaction is held for the whole copy: the backup API copies a few pages per step and
 * restarts from the first page whenever another connection has changed the source between two steps.
 * Under a steady stream of appends that never finishes (a 60 MB file under 2,000 appends/s restarted
 * 1,300 times in 8 s and never completed). Holding one read transaction on the source connection
 * across every step pins one snapshot: the copy is that snapshot, page for page, and in WAL mode the
 * writers go on meanwhile (the WAL grows until the copy ends, since it cannot be checkpointed past
 * a reader's snapshot). What the snapshot holds is read inside the same transaction, so the
 * description returned is exactly the copy's.
 */
import Database from 'better-sqlite3';

export interface BackupProgress {
  pages: number;
  totalPages: number;
}

export interface SqliteBackupOptions {
  /** Pages per step (4 KiB each); the CLI's event loop runs between steps. */
  pagesPerStep?: number;
  onProgress?: (progress: BackupProgress) => void;
  /**
   * Paces the copy to leave the disk to the service: after a step that got ahead of this rate, the
   * copying process sleeps (it is a process of its own, the CLI, so no request waits on it).
   */
  maxBytesPerSecond?: number;
}

/** The log in a copy of events.db: its head position and how many events it holds. */
export interface LogSnapshot {
  head: number;
  events: number;
  /** recordedAt of the head event (null: an empty log). */
  headRecordedAt: string | null;
}

/**
 * Copies `source` (which must exist) into `target` (a new file) as one consistent snapshot and
 * returns `describe` of that snapshot, read inside the same read transaction.
 */
export async function backupSqliteFile<T>(source: string, target: string, describe: (db: Database.Database) => T, options: SqliteBackupOptions = {}): Promise<{ snapshot: T; pages: number }> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.exec('BEGIN');
    // A deferred transaction takes its snapshot at its first read: this one.
    const snapshot = describe(db);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const rate = options.maxBytesPerSecond;
    const perStep = options.pagesPerStep ?? (rate ? Math.max(1, Math.min(1024, Math.floor(rate / pageSize / 20))) : 1024);
    const started = Date.now();
    const done = await db.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        const pages = totalPages - remainingPages;
        options.onProgress?.({ pages, totalPages });
        if (rate) sleep((pages * pageSize * 1000) / rate - (Date.now() - started));
        return perStep;
      },
    });
    options.onProgress?.({ pages: done.totalPages, totalPages: done.totalPages });
    db.exec('COMMIT');
    standAlone(target);
    return { snapshot, pages: done.totalPages };
  } finally {
    db.close();
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * The copy keeps the source's WAL mode in its header, so even a read-only look at it would create
 * -wal and -shm files beside it. In rollback-journal mode a backup is one file that reading leaves
 * alone; the service switches a restored file back to WAL when it opens it.
 */
function standAlone(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** Head, count and head time of the log, for backupSqliteFile(events.db, …) and for checking a copy. */
export function describeLog(db: Database.Database): LogSnapshot {
  const row = db.prepare<[], { head: number | null; events: number }>('SELECT max(position) AS head, count(*) AS events FROM events').get()!;
  const head = row.head ?? 0;
  const at = head === 0 ? undefined : db.prepare<[number], { recordedAt: string | null }>("SELECT json_extract(metadata, '$.recordedAt') AS recordedAt FROM events WHERE position = ?").get(head);
  return { head, events: row.events, headRecordedAt: at?.recordedAt ?? null };
}

/** An online copy of events.db: the copy and the log it holds. */
export function backupLogFile(source: string, target: string, options: SqliteBackupOptions = {}): Promise<{ snapshot: LogSnapshot; pages: number }> {
  return backupSqliteFile(source, target, describeLog, options);
}

/** describeLog of a file at rest (a backup's or a restored events.db), opened read-only. */
export function describeLogFile(file: string): LogSnapshot {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return describeLog(db);
  } finally {
    db.close();
  }
}
