/**
 * Embedded read models in SQLite (`read-models.db`): one `docs` table of JSON documents and one
 * `checkpoints` table, written together in a transaction so a crash can never leave changes
 * without their checkpoint or the reverse: the projector then re-folds them from the event log,
 * which stays the only source of truth. Reads use this connection; every write goes to the
 * single writer on its own thread (./sqlite-writer.ts).
 *
 * Generations: a generation g > 0 stores its collections and checkpoint under `name@g`;
 * `generations` holds each projection's active and building one, and `served_collections` maps a
 * collection to where its active generation is stored. Every read resolves that mapping inside its
 * own statement (one lookup in a table of a few rows), so it sees one generation, and a switch,
 * one transaction on the writer, is atomic for readers.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { generationsOf } from '../generation-rules';
import { BuilderClaim, Generations, stored } from '../generations';
import type { Checkpoint, Doc, DocChange, GenerationCheckpoint, ReadModelStore } from '../read-model-store.port';
import { PRAGMAS, SqliteWriter } from './sqlite-writer';
import type { SqliteWriterOptions } from './sqlite-writer';

export class SqliteReadModelStore implements ReadModelStore {
  private readonly stmt;

  private constructor(
    private readonly db: Database.Database,
    private readonly writer: SqliteWriter,
  ) {
    // The collection is bound twice: better-sqlite3 counts a numbered parameter used twice as two.
    const served = 'coalesce((SELECT stored FROM served_collections WHERE collection = ?), ?)';
    this.stmt = {
      get: db.prepare<[string, string, string], { doc: string }>(`SELECT doc FROM docs WHERE collection = ${served} AND id = ?`),
      getStored: db.prepare<[string, string], { doc: string }>('SELECT doc FROM docs WHERE collection = ? AND id = ?'),
      list: db.prepare<[string, string, string, string], { doc: string }>(`SELECT doc FROM docs WHERE collection = ${served} AND id >= ? AND id < ? ORDER BY id`),
      page: db.prepare<[string, string, string, string, string, number], { id: string; doc: string }>(
        `SELECT id, doc FROM docs WHERE collection = ${served} AND id >= ? AND id < ? AND id > ? ORDER BY id LIMIT ?`,
      ),
      checkpoint: db.prepare<[string], { position: number; recorded_at: string | null }>('SELECT position, recorded_at FROM checkpoints WHERE projection = ?'),
      served: db.prepare<[string, string, string], { generation: number; position: number | null; recorded_at: string | null }>(`
        SELECT g.active AS generation, c.position, c.recorded_at
        FROM (SELECT coalesce((SELECT active FROM generations WHERE projection = ?), 0) AS active) g
        LEFT JOIN checkpoints c ON c.projection = CASE g.active WHEN 0 THEN ? ELSE ? || '@' || g.active END`),
      generations: db.prepare<[string], Generations>('SELECT active, building FROM generations WHERE projection = ?'),
    };
  }

  static open(file: string, options: SqliteWriterOptions = {}): SqliteReadModelStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    for (const pragma of PRAGMAS) db.pragma(pragma);
    db.exec(`
      -- A rowid table: documents are appended in rowid order and only the small (collection, id)
      -- index takes random inserts (a WITHOUT ROWID table split its large rows' pages at random).
      CREATE TABLE IF NOT EXISTS docs (collection TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE (collection, id));
      CREATE TABLE IF NOT EXISTS checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL, recorded_at TEXT);
      CREATE TABLE IF NOT EXISTS generations (projection TEXT PRIMARY KEY, active INTEGER NOT NULL, building INTEGER, builder TEXT, lease_until INTEGER);
      CREATE TABLE IF NOT EXISTS served_collections (collection TEXT PRIMARY KEY, stored TEXT NOT NULL);
    `);
    return new SqliteReadModelStore(db, new SqliteWriter(file, options));
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | undefined> {
    const row = this.stmt.get.get(collection, collection, id);
    return row ? (JSON.parse(row.doc) as T) : undefined;
  }

  async getMany<T extends Doc>(collection: string, ids: string[], generation?: number): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    const name = generation === undefined ? collection : stored(collection, generation);
    for (const id of ids) {
      const row = generation === undefined ? this.stmt.get.get(name, name, id) : this.stmt.getStored.get(name, id);
      if (row) found.set(id, JSON.parse(row.doc) as T);
    }
    return found;
  }

  async list<T extends Doc>(collection: string, idPrefix = ''): Promise<T[]> {
    // SQLite compares UTF-8 bytes, so every id starting with the prefix sorts between the prefix and
    // the prefix followed by the last code point, U+10FFFF (U+FFFF would leave out ids whose next
    // character lies beyond the Basic Multilingual Plane, such as 𠮷).
    return this.stmt.list.all(collection, collection, idPrefix, idPrefix + '\u{10FFFF}').map((r) => JSON.parse(r.doc) as T);
  }

  async listPage<T extends Doc>(collection: string, idPrefix: string, after: string | null, limit: number): Promise<{ id: string; doc: T }[]> {
    // '' sorts before every id, so a null `after` starts at the prefix's first id.
    return this.stmt.page.all(collection, collection, idPrefix, idPrefix + '\u{10FFFF}', after ?? '', limit).map((r) => ({ id: r.id, doc: JSON.parse(r.doc) as T }));
  }

  /** Serialises the documents at once (later changes to them are not written), then commits on the writer. */
  commit(projection: string, changes: DocChange[], checkpoint: Checkpoint, generation?: number): Promise<void> {
    let text = '';
    const lengths: number[] = [];
    let checkpointKey: string;
    try {
      checkpointKey = stored(projection, generation ?? 0);
      for (const c of changes) {
        // The unsuffixed names are generation 0's: a projector on it (the usual case) pays nothing here.
        const collection = generation ? stored(c.collection, generation) : c.collection;
        const doc = c.doc === null ? '' : JSON.stringify(c.doc);
        text += collection + c.id + doc;
        lengths.push(collection.length, c.id.length, c.doc === null ? -1 : doc.length);
      }
    } catch (error) {
      return Promise.reject(error);
    }
    return this.writer.send({ kind: 'commit', text, lengths, projection, checkpointKey, position: checkpoint.position, recordedAt: checkpoint.recordedAt, generation });
  }

  async checkpoint(projection: string, generation?: number): Promise<Checkpoint> {
    if (generation === undefined) {
      const { position, recordedAt } = await this.servedCheckpoint(projection);
      return { position, recordedAt };
    }
    const row = this.stmt.checkpoint.get(stored(projection, generation));
    return row ? { position: row.position, recordedAt: row.recorded_at } : { position: 0, recordedAt: null };
  }

  async servedCheckpoint(projection: string): Promise<GenerationCheckpoint> {
    const row = this.stmt.served.get(projection, projection, projection)!;
    return { generation: row.generation, position: row.position ?? 0, recordedAt: row.recorded_at };
  }

  async reset(projection: string, collections: readonly string[], generation?: number): Promise<void> {
    const g = generation ?? (await this.generations(projection)).active;
    await this.writer.send({ kind: 'reset', checkpointKey: stored(projection, g), collections: collections.map((c) => stored(c, g)) });
  }

  async generations(projection: string): Promise<Generations> {
    return generationsOf(this.stmt.generations.get(projection));
  }

  beginGeneration(projection: string, claim?: BuilderClaim): Promise<number> {
    return this.writer.send<number>({ kind: 'begin', projection, claim, now: Date.now() });
  }

  releaseGeneration(projection: string, builder: string): Promise<void> {
    return this.writer.send({ kind: 'release', projection, builder });
  }

  switchGeneration(projection: string, generation: number, collections: readonly string[]): Promise<boolean> {
    return this.writer.send<boolean>({ kind: 'switch', projection, generation, collections });
  }

  /** In transactions of at most 5,000 documents, so the live projector's commits are not held up long. */
  async dropGeneration(projection: string, generation: number, collections: readonly string[]): Promise<void> {
    while ((await this.writer.send<number>({ kind: 'drop', projection, generation, collections, limit: 5000 })) > 0);
  }

  async close(): Promise<void> {
    await this.writer.close();
    if (this.db.open) this.db.close();
  }
}
