/**
 * An online copy of read-models.db (SQLite's backup API, one pinned snapshot: see
 * @survey/event-store's sqlite-backup.ts) and the projections' checkpoints it holds, read in the
 * same snapshot, so a backup's manifest says how far each projection of the copy had folded.
 */
import Database from 'better-sqlite3';
import { backupSqliteFile, SqliteBackupOptions } from '@survey/event-store';

/** One row of the `checkpoints` table: a projection (`name` or `name@generation`) and its position. */
export interface StoredCheckpoint {
  projection: string;
  position: number;
  recordedAt: string | null;
}

function checkpointsIn(db: Database.Database): StoredCheckpoint[] {
  const table = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'checkpoints'").get();
  if (!table) return [];
  return db.prepare<[], StoredCheckpoint>('SELECT projection, position, recorded_at AS recordedAt FROM checkpoints ORDER BY projection').all();
}

export function backupReadModelsFile(source: string, target: string, options: SqliteBackupOptions = {}): Promise<{ snapshot: StoredCheckpoint[]; pages: number }> {
  return backupSqliteFile(source, target, checkpointsIn, options);
}

/** The checkpoints of a read-models.db at rest (a backup's copy), opened read-only. */
export function checkpointsInFile(file: string): StoredCheckpoint[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return checkpointsIn(db);
  } finally {
    db.close();
  }
}
