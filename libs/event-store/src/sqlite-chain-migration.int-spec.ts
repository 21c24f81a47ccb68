/** An events.db written before the hash chain: opening it adds the column and hashes what is there. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventHash, GENESIS } from './chain/event-hash';
import { SqliteEventStore } from './sqlite-event-store';
import { anEvent } from './testing/event-builders';

const dir = mkdtempSync(join(tmpdir(), 'chain-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OLD_SCHEMA = `CREATE TABLE events (
  position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL, revision INTEGER NOT NULL,
  type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream, revision))`;

describe('the hash chain migration', () => {
  it('adds the hash column, hashes the existing rows per stream, and later appends chain on', async () => {
    const file = join(dir, 'events.db');
    const old = new Database(file);
    old.exec(OLD_SCHEMA);
    const insert = old.prepare('INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
    const rows = [['a', 0], ['b', 0], ['a', 1]] as const;
    const stored = rows.map(([stream, revision]) => {
      const e = anEvent();
      insert.run(e.id, stream, revision, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
      return { stream, revision, type: e.type, data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) };
    });
    old.close();

    const lines: string[] = [];
    const store = SqliteEventStore.open(file, { onMigrated: (line) => lines.push(line) });
    try {
      expect(lines).toEqual([expect.stringContaining('3 existing events hashed')]);
      const a0 = eventHash(GENESIS, stored[0]);
      const a1 = eventHash(a0, stored[2]);
      expect((await store.readStream('a')).map((e) => e.hash)).toEqual([a0, a1]);
      expect((await store.readStream('b')).map((e) => e.hash)).toEqual([eventHash(GENESIS, stored[1])]);
      const next = anEvent();
      await store.append('a', [next], 1);
      const [a2] = await store.readStream('a', 2);
      expect(a2.hash).toBe(eventHash(a1, { stream: 'a', revision: 2, type: next.type, data: JSON.stringify(next.data), metadata: JSON.stringify(next.metadata) }));
    } finally {
      await store.close();
    }
    // Opening again migrates nothing.
    const again = SqliteEventStore.open(file, { onMigrated: (line) => lines.push(line) });
    await again.close();
    expect(lines).toHaveLength(1);
  });
});
