/**
 * The SQLite log read as stored, for `survey verify --chain`: raw rows (the JSON text and the hash
 * column exactly as in the file), read-only, never upcasted or migrated.
 */
import Database from 'better-sqlite3';
import type { StoredEvent } from './chain/chain-verifier';
import type { StoredLog } from './chain/verify-log';

export class NotChainedError extends Error {}

export function openStoredLog(file: string): StoredLog & { close(): void } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const columns = (db.pragma('table_info(events)') as { name: string }[]).map((c) => c.name);
    if (columns.length === 0) throw new NotChainedError(`${file} holds no event log`);
    if (!columns.includes('hash')) {
      throw new NotChainedError(`${file} was written before the hash chain: start the service on it once to add and backfill the hashes`);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const cols = 'position, stream, revision, type, data, metadata, hash';
  const page = db.prepare<[number, number], StoredEvent>(`SELECT ${cols} FROM events WHERE position > ? ORDER BY position LIMIT ?`);
  const stream = db.prepare<[string], StoredEvent>(`SELECT ${cols} FROM events WHERE stream = ? ORDER BY revision`);
  const locate = db.prepare<[string, number], { position: number }>('SELECT position FROM events WHERE stream = ? AND revision = ?');
  const head = db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events');
  return {
    page: (after, limit) => page.all(after, limit),
    streamRows: (s) => stream.all(s),
    locate: (s, revision) => locate.get(s, revision)?.position,
    head: () => head.get()?.head ?? 0,
    close: () => db.close(),
  };
}
