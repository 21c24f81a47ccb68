/**
 * Brings an events.db written before the hash chain existed up to date: adds the `hash` column and
 * computes every existing row's hash, stream by stream, in one transaction. The chain then attests
 * to the log as it stood at migration time (it cannot vouch for what happened before); the count
 * of backfilled rows is returned so that the caller can say so.
 */
import type Database from 'better-sqlite3';
import { eventHash, GENESIS } from './chain/event-hash';

const PAGE = 5000;

type Row = { position: number; stream: string; revision: number; type: string; data: string; metadata: string };

/** Returns how many rows were backfilled (0 when the column was already there). */
export function migrateChainColumn(db: Database.Database): number {
  const hasHash = () => (db.pragma('table_info(events)') as { name: string }[]).some((c) => c.name === 'hash');
  if (hasHash()) return 0;
  const run = db.transaction(() => {
    // Another process may have migrated while this one waited for the write lock.
    if (hasHash()) return 0;
    db.exec('ALTER TABLE events ADD COLUMN hash TEXT');
    const page = db.prepare<[number, number], Row>(
      'SELECT position, stream, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?',
    );
    const update = db.prepare<[string, number]>('UPDATE events SET hash = ? WHERE position = ?');
    const last = new Map<string, string>();
    let after = 0;
    let done = 0;
    for (;;) {
      const rows = page.all(after, PAGE);
      if (rows.length === 0) return done;
      for (const row of rows) {
        const hash = eventHash(row.revision === 0 ? GENESIS : (last.get(row.stream) ?? GENESIS), row);
        last.set(row.stream, hash);
        update.run(hash, row.position);
      }
      done += rows.length;
      after = rows[rows.length - 1].position;
    }
  });
  return run.immediate();
}
