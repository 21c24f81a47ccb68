/**
 * The SQLite event log's table, the prepared statements the adapter runs, and row mapping. data and metadata
 * hold the exact JSON.stringify text so an auditor can read the log with the sqlite3 shell.
 */
import type Database from 'better-sqlite3';
import type { RecordedEvent } from './event-store.port';

export const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    stream TEXT NOT NULL,
    revision INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    UNIQUE (stream, revision)
  );
`;

export interface EventRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}


export function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare<[string, string, number, string, string, string]>(
      'INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    // Both lookups below are served by the UNIQUE indexes, no extra index needed.
    lastOfStream: db.prepare<[string], Pick<EventRow, 'revision' | 'position'>>(
      'SELECT revision, position FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
    ),
    byId: db.prepare<[string], Pick<EventRow, 'stream' | 'revision' | 'position'>>('SELECT stream, revision, position FROM events WHERE id = ?'),
    readStream: db.prepare<[string, number], EventRow>(
      'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision',
    ),
    readAll: db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
    head: db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
  };
}
