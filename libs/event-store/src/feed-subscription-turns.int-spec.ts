/**
 * A catch-up never holds the event loop in one piece (issue 16, the start-up): on a real SQLite log,
 * subscriptions that start behind the head with handlers that never wait on I/O still let a timer
 * and an immediate run between their batches, one batch of the process per turn.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from './event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { anEvent } from './testing/event-builders';

const BATCH = 10;
const EVENTS = 200;

describe('a catch-up subscription and the event loop', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'feed-turns-'));
    store = SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 60_000 });
    await store.append('s', Array.from({ length: EVENTS }, () => anEvent()), 'no_stream');
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets queued callbacks run between its batches, and two catch-ups take turns batch by batch', async () => {
    const order: string[] = [];
    const follow = (name: string) =>
      store.subscribeToAll({ after: 0, batchSize: BATCH }, async (batch: RecordedEvent[]) => {
        order.push(`${name}:${batch[batch.length - 1].position}`);
      });
    const a = follow('a');
    const b = follow('b');
    // Queued once both have started: on a loop held by the catch-ups they would run only after the last batch.
    const ran = new Promise<void>((resolve) => setImmediate(() => {
      order.push('immediate');
      setTimeout(() => {
        order.push('timer');
        resolve();
      }, 0);
    }));
    await Promise.all([a.caughtUp(), b.caughtUp(), ran]);
    await Promise.all([a.stop(), b.stop()]);
    const batches = order.filter((o) => o !== 'immediate' && o !== 'timer');
    expect(batches).toHaveLength(2 * (EVENTS / BATCH));
    expect(order.indexOf('immediate')).toBeLessThan(4);
    expect(order.indexOf('timer')).toBeLessThan(order.length / 2);
    // One batch per turn, in the order they asked: a, b, a, b …
    expect(batches.slice(2, 8).map((o) => o[0])).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
  });
});
