/** SqliteEventStore against real files: the shared contract plus what only a SQLite file can show. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { WrongExpectedRevision } from '@survey/domain';
import type { RecordedEvent } from './event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { eventHash, GENESIS } from './chain/event-hash';
import { eventStoreContract } from './testing/event-store.contract';
import { anEvent } from './testing/event-builders';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'event-store-'));
  dirs.push(dir);
  return join(dir, 'nested', 'events.db');
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

eventStoreContract('SqliteEventStore', async () => {
  const store = SqliteEventStore.open(tempFile(), { pollIntervalMs: 50 });
  return { store, cleanup: () => store.close() };
});

describe('SqliteEventStore on a file', () => {
  const open: SqliteEventStore[] = [];
  const openStore = (file: string, options?: Parameters<typeof SqliteEventStore.open>[1]) => {
    const store = SqliteEventStore.open(file, options);
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it('keeps committed events across close and reopen, and continues the positions', async () => {
    const file = tempFile();
    const first = openStore(file);
    const events = [anEvent(), anEvent()];
    const result = await first.append('s', events, 'no_stream');
    const queued = first.append('s', [anEvent()], 1); // close() must flush it, not drop it
    await first.close();
    await expect(queued).resolves.toEqual({ revision: 2, position: result.position + 1 });
    await expect(first.append('s', [anEvent()], 2)).rejects.toThrow(/closed/);

    const again = openStore(file);
    expect(await again.headPosition()).toBe(result.position + 1);
    expect((await again.readStream('s')).map((e) => e.id).slice(0, 2)).toEqual(events.map((e) => e.id));
    expect(await again.append('s', [anEvent()], 2)).toEqual({ revision: 3, position: result.position + 2 });
  });

  it('stores data and metadata as the JSON.stringify text', async () => {
    const file = tempFile();
    const event = anEvent('EvaluationSubmitted', { agencyId: 'tax', district: '鼓楼区', answers: { attitude: 'satisfied' } });
    await openStore(file).append('ballot-1', [event], 'no_stream');
    const raw = new Database(file, { readonly: true });
    const row = raw.prepare('SELECT data, metadata FROM events').get() as { data: string; metadata: string };
    raw.close();
    expect(row.data).toBe(JSON.stringify(event.data));
    expect(row.metadata).toBe(JSON.stringify(event.metadata));
  });

  it('checks appends issued together in order, committing all but the one that conflicts', async () => {
    const store = openStore(tempFile());
    await store.append('taken', [anEvent()], 'no_stream');
    const outcomes = await Promise.allSettled([
      store.append('a', [anEvent()], 'no_stream'),
      store.append('taken', [anEvent()], 'no_stream'),
      store.append('b', [anEvent()], 'no_stream'),
      store.append('a', [anEvent()], 0), // sees the first append of the same batch
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
    expect((await store.readStream('a')).map((e) => e.revision)).toEqual([0, 1]);
    expect(await store.headPosition()).toBe(4);
  });

  it('rejects every append of a batch whose transaction cannot run', async () => {
    const file = tempFile();
    const store = openStore(file, { busyTimeoutMs: 20 });
    await store.append('seed', [anEvent()], 'no_stream');
    const rival = new Database(file);
    rival.exec('BEGIN IMMEDIATE'); // another process holds the write lock
    const outcomes = await Promise.allSettled([1, 2, 3].map((i) => store.append(`s${i}`, [anEvent()], 'no_stream')));
    rival.exec('ROLLBACK');
    rival.close();
    expect(outcomes.map((o) => o.status === 'rejected' && (o.reason as { code?: string }).code)).toEqual([
      'SQLITE_BUSY', 'SQLITE_BUSY', 'SQLITE_BUSY',
    ]);
    expect(await store.headPosition()).toBe(1);
    await expect(store.append('s1', [anEvent()], 'no_stream')).resolves.toEqual({ revision: 0, position: 2 });
  });

  it('commits a burst larger than one batch', async () => {
    const store = openStore(tempFile());
    const results = await Promise.all(Array.from({ length: 12_000 }, (_, i) => store.append(`s${i}`, [anEvent()], 'no_stream')));
    expect(new Set(results.map((r) => r.position)).size).toBe(12_000);
    expect(await store.headPosition()).toBe(12_000);
  });

  it('wakes a caught-up subscription on its own commits without waiting for the poll', async () => {
    const store = openStore(tempFile(), { pollIntervalMs: 60_000 });
    const received: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ after: 0 }, async (batch) => void received.push(...batch));
    await subscription.caughtUp();
    await store.append('s', [anEvent()], 'no_stream');
    await subscription.caughtUp();
    expect(received).toHaveLength(1);
  }, 2000); // well under the 60 s poll: only the commit notification can make it

  it("checks revisions and chains hashes on what the log holds when two processes' stores append to one stream in turn", async () => {
    const file = tempFile();
    const a = openStore(file);
    const b = openStore(file);
    await a.append('shared', [anEvent()], 'no_stream');
    await a.append('shared', [anEvent()], 0); // the writer thread of `a` now knows the stream's last event
    await b.append('shared', [anEvent(), anEvent()], 1);
    await expect(a.append('shared', [anEvent()], 1)).rejects.toBeInstanceOf(WrongExpectedRevision);
    expect(await a.append('shared', [anEvent()], 3)).toEqual({ revision: 4, position: 5 });
    await b.append('shared', [anEvent()], 4);
    expect(await a.append('shared', [], 'any')).toEqual({ revision: 5, position: 6 });
    expect(await a.append('shared', [anEvent()], 5)).toEqual({ revision: 6, position: 7 });

    const reader = new Database(file, { readonly: true });
    const rows = reader.prepare('SELECT stream, revision, type, data, metadata, hash FROM events ORDER BY position').all() as {
      stream: string; revision: number; type: string; data: string; metadata: string; hash: string;
    }[];
    reader.close();
    expect(rows.map((r) => r.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    let previous = GENESIS;
    for (const row of rows) {
      expect(row.hash).toBe(eventHash(previous, row));
      previous = row.hash;
    }
  });

  it("lets a second process's store see the first one's appends by polling", async () => {
    const file = tempFile();
    const writer = openStore(file);
    const reader = openStore(file, { pollIntervalMs: 20 });
    const received: RecordedEvent[] = [];
    const subscription = reader.subscribeToAll({ after: 0 }, async (batch) => void received.push(...batch));
    await subscription.caughtUp();
    const event = anEvent();
    await writer.append('s', [event], 'no_stream');
    await subscription.caughtUp();
    expect(received.map((e) => e.id)).toEqual([event.id]);
    await expect(reader.append('s', [anEvent()], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevision);
  });
});
