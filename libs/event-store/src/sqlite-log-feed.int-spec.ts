/**
 * The SQLite store's shared tail (./log-feed.ts) on a real file: subscriptions at the head share
 * the store's own commits without a read of them, and one read of each range another process
 * committed; a slow or late one reads on its own and joins, one's failure or stop leaves the
 * others running. Reads are counted on the store's two read paths.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deferred, pause } from '@survey/domain/testing';
import type { RecordedEvent, Subscription, SubscriptionOptions } from './event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import type { SqliteEventStoreOptions } from './sqlite-event-store';
import { anEvent } from './testing/event-builders';

/** The store's read paths, private to it: counted, never replaced. */
interface ReadPaths {
  readTailSync(after: number, limit: number): unknown;
  readRangeSync(after: number, upTo: number, limit: number, hashes: boolean): RecordedEvent[];
}
const paths = SqliteEventStore.prototype as unknown as ReadPaths;

const dirs: string[] = [];
const stores: SqliteEventStore[] = [];
afterEach(async () => {
  jest.restoreAllMocks();
  await Promise.all(stores.splice(0).map((s) => s.close()));
});
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function openStore(options: SqliteEventStoreOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'log-feed-'));
  dirs.push(dir);
  // A poll far longer than any test: only the store's own commit notices wake the subscriptions.
  const file = join(dir, 'events.db');
  const store = SqliteEventStore.open(file, { pollIntervalMs: 60_000, ...options });
  stores.push(store);
  const tailReads = jest.spyOn(paths, 'readTailSync');
  const ownReads = jest.spyOn(paths, 'readRangeSync');
  return { store, file, tailReads, ownReads };
}

function follow(store: SqliteEventStore, options: SubscriptionOptions, handle?: (batch: RecordedEvent[]) => Promise<void>) {
  const received: RecordedEvent[] = [];
  const errors: unknown[] = [];
  const subscription: Subscription = store.subscribeToAll(options, async (batch) => {
    received.push(...batch);
    await handle?.(batch);
  }, (error) => errors.push(error));
  return { subscription, received, errors };
}

const appendEach = async (store: SqliteEventStore, n: number, stream = 's') => {
  const start = await store.headPosition();
  for (let i = 0; i < n; i++) await store.append(`${stream}-${start + i}`, [anEvent()], 'no_stream');
};
const positions = (events: RecordedEvent[]) => events.map((e) => e.position);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('SqliteEventStore subscriptions share one read of the tail', () => {
  it("hands each of its own commits to all the subscriptions at the head without reading it back: the same frozen events, as a read gives them", async () => {
    const { store, tailReads, ownReads } = openStore();
    await appendEach(store, 3);
    const followers = Array.from({ length: 5 }, () => follow(store, { after: 3 }));
    await Promise.all(followers.map((f) => f.subscription.caughtUp()));
    tailReads.mockClear();
    ownReads.mockClear();

    const ranges = 4;
    for (let i = 0; i < ranges; i++) {
      await store.append(`r-${i}`, [anEvent(), anEvent()], 'no_stream');
      await Promise.all(followers.map((f) => f.subscription.caughtUp()));
    }

    expect(tailReads).not.toHaveBeenCalled();
    expect(ownReads).not.toHaveBeenCalled();
    for (const f of followers) expect(positions(f.received)).toEqual(range(4, 3 + 2 * ranges));
    expect(followers[0].received).toEqual(await store.readAll(3, 100));
    followers.slice(1).forEach((f) => f.received.forEach((e, i) => expect(e).toBe(followers[0].received[i])));
    const [first] = followers[0].received;
    expect(Object.isFrozen(first) && Object.isFrozen(first.data) && Object.isFrozen(first.metadata.actor)).toBe(true);
  });

  it('lets the others follow while one is slow, keeping only a bounded window for it', async () => {
    const { store, ownReads } = openStore({ feed: { readLimit: 10, windowLimit: 30 } });
    const gate = deferred();
    const slow = follow(store, { after: 0, batchSize: 5 }, () => gate.promise);
    const fast = [follow(store, { after: 0 }), follow(store, { after: 0, batchSize: 3 })];
    await store.append('first', [anEvent()], 'no_stream');
    await pause(20); // the slow one now holds its first batch

    await appendEach(store, 100);
    await Promise.all(fast.map((f) => f.subscription.caughtUp()));
    for (const f of fast) expect(positions(f.received)).toEqual(range(1, 101));
    expect(positions(slow.received)).toEqual([1]);

    ownReads.mockClear();
    gate.resolve();
    await slow.subscription.caughtUp();
    expect(positions(slow.received)).toEqual(range(1, 101));
    // It fell out of the 30-event window, so it read what the window no longer held on its own.
    const ownlyRead = ownReads.mock.results.reduce((n, r) => n + (r.value as RecordedEvent[]).length, 0);
    expect(ownlyRead).toBeGreaterThanOrEqual(100 - 30);
  });

  it('catches a late subscription up on its own reads, then serves it from the shared tail', async () => {
    const { store, tailReads, ownReads } = openStore();
    await appendEach(store, 50);
    const early = follow(store, { after: 40 }); // the shared tail starts at the head it found: 50
    await early.subscription.caughtUp();
    await store.append('in-window', [anEvent()], 'no_stream');
    await early.subscription.caughtUp();

    ownReads.mockClear();
    tailReads.mockClear();
    const late = follow(store, { after: 0, batchSize: 20 });
    await late.subscription.caughtUp();
    expect(positions(late.received)).toEqual(range(1, 51));
    // 1-50 before the window's start on its own (bounded by it, in batches of 20), 51 from the window.
    expect(ownReads.mock.calls.map(([after, upTo]) => [after, upTo])).toEqual([[0, 50], [20, 50], [40, 50]]);
    expect(tailReads).not.toHaveBeenCalled();
    expect(late.received[50]).toBe(early.received[10]);

    ownReads.mockClear();
    await store.append('later', [anEvent()], 'no_stream');
    await Promise.all([early.subscription.caughtUp(), late.subscription.caughtUp()]);
    expect(positions(late.received)).toEqual(range(1, 52));
    expect(tailReads).not.toHaveBeenCalled(); // its own commit, handed over
    expect(ownReads).not.toHaveBeenCalled();
    expect(late.received[51]).toBe(early.received[11]);
  });

  it("reads the tail once when another process committed before its own commit, and hands over nothing out of order", async () => {
    const { store, file, tailReads } = openStore();
    await appendEach(store, 2);
    const followers = [follow(store, { after: 0 }), follow(store, { after: 1, hashes: true })];
    await Promise.all(followers.map((f) => f.subscription.caughtUp()));
    // Another process's store on the same file commits; this one's poll (a minute) has not seen it.
    const other = SqliteEventStore.open(file, { pollIntervalMs: 60_000 });
    stores.push(other);
    await other.append('other-process', [anEvent(), anEvent()], 'no_stream');
    tailReads.mockClear();

    await store.append('own', [anEvent()], 'no_stream');
    await Promise.all(followers.map((f) => f.subscription.caughtUp()));
    expect(tailReads).toHaveBeenCalledTimes(1);
    expect(positions(followers[0].received)).toEqual(range(1, 5));
    expect(followers[0].received.slice(2).map((e) => e.stream)).toEqual(['other-process', 'other-process', 'own']);
    expect(followers[1].received).toEqual(await store.readAll(1, 100, { hashes: true }));

    // Caught up again: its next commit is handed over.
    await store.append('own-again', [anEvent()], 'no_stream');
    await Promise.all(followers.map((f) => f.subscription.caughtUp()));
    expect(tailReads).toHaveBeenCalledTimes(1);
    expect(followers[1].received).toEqual(await store.readAll(1, 100, { hashes: true }));
  });

  it("hands over a commit's events in position order across appends, multi-event ones and refused ones", async () => {
    const { store, tailReads } = openStore();
    const f = follow(store, { after: 0, hashes: true });
    await f.subscription.caughtUp();
    await store.append('taken', [anEvent()], 'no_stream');
    await f.subscription.caughtUp();
    tailReads.mockClear();
    const retried = anEvent();
    await store.append('retried', [retried], 'no_stream');
    // One group commit: a refused append, a retry of a stored one (nothing inserted), one of three events, one of one.
    const settled = await Promise.allSettled([
      store.append('taken', [anEvent()], 'no_stream'),
      store.append('retried', [retried], 'no_stream'),
      store.append('three', [anEvent(), anEvent(), anEvent()], 'no_stream'),
      store.append('one', [anEvent()], 'no_stream'),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    await f.subscription.caughtUp();
    expect(tailReads).not.toHaveBeenCalled();
    expect(f.received).toEqual(await store.readAll(0, 100, { hashes: true }));
    expect(f.received.map((e) => [e.stream, e.revision])).toEqual([['taken', 0], ['retried', 0], ['three', 0], ['three', 1], ['three', 2], ['one', 0]]);
  });

  it("stops only the subscription whose handler failed", async () => {
    const { store } = openStore();
    const failure = new Error('handler failed');
    const failing = follow(store, { after: 0 }, async () => {
      throw failure;
    });
    const others = [follow(store, { after: 0 }), follow(store, { after: 0 })];
    await appendEach(store, 2);
    await Promise.all(others.map((f) => f.subscription.caughtUp()));
    await appendEach(store, 2);
    await Promise.all(others.map((f) => f.subscription.caughtUp()));

    expect(failing.errors).toEqual([failure]);
    expect(positions(failing.received)).toEqual([1]);
    for (const f of others) expect(positions(f.received)).toEqual(range(1, 4));
  });

  it('drains on close(): the batch in hand finishes, nothing more is handed out', async () => {
    const { store } = openStore();
    const gate = deferred();
    const started = deferred();
    const held = follow(store, { after: 0 }, async () => {
      started.resolve();
      await gate.promise;
    });
    const idle = follow(store, { after: 0 });
    await store.append('a', [anEvent()], 'no_stream');
    await started.promise;
    await idle.subscription.caughtUp();

    let closed = false;
    const closing = store.close().then(() => (closed = true));
    await pause(30);
    expect(closed).toBe(false);
    gate.resolve();
    await closing;
    expect(positions(held.received)).toEqual([1]);
    expect(held.errors).toEqual([]);
    expect(idle.errors).toEqual([]);
  });

  it('hands the chain hashes to a subscription that asks for them, shared or read on its own, and to no other', async () => {
    const { store } = openStore();
    await appendEach(store, 3);
    const late = follow(store, { after: 0, hashes: true }); // catches up on its own reads
    const plain = follow(store, { after: 3 });
    const hashed = follow(store, { after: 3, hashes: true });
    await Promise.all([late, plain, hashed].map((f) => f.subscription.caughtUp()));
    await appendEach(store, 3);
    await Promise.all([late, plain, hashed].map((f) => f.subscription.caughtUp()));

    const stored = await store.readAll(0, 100, { hashes: true });
    const hashesOf = (events: RecordedEvent[]) => events.map((e) => e.hash);
    expect(hashesOf(stored).every((h) => typeof h === 'string' && h.length > 0)).toBe(true);
    expect(hashesOf(late.received)).toEqual(hashesOf(stored));
    expect(hashesOf(hashed.received)).toEqual(hashesOf(stored.slice(3)));
    expect(plain.received.every((e) => !('hash' in e))).toBe(true);
    expect(plain.received.map((e) => e.id)).toEqual(stored.slice(3).map((e) => e.id));
  });
});
