/**
 * Embedded read models in SQLite (`read-models.db`): one `docs` table of JSON documents and one
 * `checkpoints` table, written together in a transaction so a crash can never leave changes
 * without their checkpoint or the reverse: the projector then re-folds them from the event log,
 * which stays the only source of truth. Reads use this connection; every write goes to the
 * single writer on its own thread (./sqlite-writer.ts).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Checkpoint, Doc, DocChange, ReadModelStore } from '../read-model-store.port';
import { PRAGMAS, SqliteWriter } from './sqlite-writer';

export class SqliteReadModelStore implements ReadModelStore {
  private readonly stmt;

  private constructor(
    private readonly db: Database.Database,
    private readonly writer: SqliteWriter,
  ) {
    this.stmt = {
      get: db.prepare<[string, string], { doc: string }>('SELECT doc FROM docs WHERE collection = ? AND id = ?'),
      list: db.prepare<[string, string, string], { doc: string }>('SELECT doc FROM docs WHERE collection = ? AND id >= ? AND id < ? ORDER BY id'),
      page: db.prepare<[string, string, string, string, number], { id: string; doc: string }>(
        'SELECT id, doc FROM docs WHERE collection = ? AND id >= ? AND id < ? AND id > ? ORDER BY id LIMIT ?',
      ),
      checkpoint: db.prepare<[string], { position: number; recorded_at: string | null }>('SELECT position, recorded_at FROM checkpoints WHERE projection = ?'),
    };
  }

  static open(file: string): SqliteReadModelStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    for (const pragma of PRAGMAS) db.pragma(pragma);
    db.exec(`
      -- A rowid table: documents are appended in rowid order and only the small (collection, id)
      -- index takes random inserts (a WITHOUT ROWID table split its large rows' pages at random).
      CREATE TABLE IF NOT EXISTS docs (collection TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE (collection, id));
      CREATE TABLE IF NOT EXISTS checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL, recorded_at TEXT);
    `);
    return new SqliteReadModelStore(db, new SqliteWriter(file));
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | undefined> {
    const row = this.stmt.get.get(collection, id);
    return row ? (JSON.parse(row.doc) as T) : undefined;
  }

  async getMany<T extends Doc>(collection: string, ids: string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    for (const id of ids) {
      const row = this.stmt.get.get(collection, id);
      if (row) found.set(id, JSON.parse(row.doc) as T);
    }
    return found;
  }

  async list<T extends Doc>(collection: string, idPrefix = ''): Promise<T[]> {
    // SQLite compares UTF-8 bytes, so every id starting with the prefix sorts between the prefix and
    // the prefix followed by the last code point, U+10FFFF (U+FFFF would leave out ids whose next
    // character lies beyond the Basic Multilingual Plane, such as 𠮷).
    return this.stmt.list.all(collection, idPrefix, idPrefix + '\u{10FFFF}').map((r) => JSON.parse(r.doc) as T);
  }

  async listPage<T extends Doc>(collection: string, idPrefix: string, after: string | null, limit: number): Promise<{ id: string; doc: T }[]> {
    // '' sorts before every id, so a null `after` starts at the prefix's first id.
    return this.stmt.page.all(collection, idPrefix, idPrefix + '\u{10FFFF}', after ?? '', limit).map((r) => ({ id: r.id, doc: JSON.parse(r.doc) as T }));
  }

  /** Serialises the documents at once (later changes to them are not written), then commits on the writer. */
  commit(projection: string, changes: DocChange[], checkpoint: Checkpoint): Promise<void> {
    const rows: (string | null)[] = [];
    try {
      for (const c of changes) rows.push(c.collection, c.id, c.doc === null ? null : JSON.stringify(c.doc));
    } catch (error) {
      return Promise.reject(error);
    }
    return this.writer.send({ kind: 'commit', rows, projection, position: checkpoint.position, recordedAt: checkpoint.recordedAt });
  }

  async checkpoint(projection: string): Promise<Checkpoint> {
    const row = this.stmt.checkpoint.get(projection);
    return row ? { position: row.position, recordedAt: row.recorded_at } : { position: 0, recordedAt: null };
  }

  reset(projection: string, collections: readonly string[]): Promise<void> {
    return this.writer.send({ kind: 'reset', projection, collections });
  }

  async close(): Promise<void> {
    await this.writer.close();
    if (this.db.open) this.db.close();
  }
}
