/**
 * EsdbSubscription's own logic (batching, ordering, stop, handler errors, reconnect with backoff)
 * against a scripted stand-in for the client's subscription stream. It says nothing about a real
 * server; the contract suite does that when EVENTSTORE_URL is set.
 */
import { START } from '@eventstore/db-client';
import type { ReadPosition, ResolvedEvent } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';
import { backoffDelay, EsdbSubscription } from './esdb-subscription';
import type { CatchUpStream, EsdbSubscriptionConfig } from './esdb-subscription';
import { anEvent } from '../testing/event-builders';
import { deferred, pause } from '@survey/domain/testing';

/** A scripted feed: tests push events, fail the connection, or announce "caught up". */
class Feed implements CatchUpStream {
  private queue: (ResolvedEvent | Error)[] = [];
  private waiting: ((r: IteratorResult<ResolvedEvent>) => void) | undefined;
  private failWaiting: ((e: Error) => void) | undefined;
  private listeners: (() => void)[] = [];
  closed = false;
  constructor(readonly from: ReadPosition) {}
  push(...items: (ResolvedEvent | Error)[]): void {
    this.queue.push(...items);
    this.pump();
  }
  announceCaughtUp(): void {
    this.listeners.forEach((l) => l());
  }
  on(_: 'caughtUp', listener: () => void): this {
    this.listeners.push(listener);
    return this;
  }
  async unsubscribe(): Promise<void> {
    this.closed = true;
    this.waiting?.({ done: true, value: undefined });
  }
  [Symbol.asyncIterator](): AsyncIterator<ResolvedEvent> {
    return {
      next: () =>
        new Promise((resolve, reject) => {
          this.waiting = resolve;
          this.failWaiting = reject;
          this.pump();
        }),
    };
  }
  private pump(): void {
    if (!this.waiting || this.queue.length === 0) return;
    const item = this.queue.shift()!;
    const [resolve, reject] = [this.waiting, this.failWaiting!];
    this.waiting = undefined;
    if (item instanceof Error) reject(item);
    else resolve({ done: false, value: item });
  }
}

const event = (position: number, stream = 'ballot-1', type = 'EvaluationSubmitted'): ResolvedEvent => {
  const e = anEvent(type);
  const at = { commit: BigInt(position), prepare: BigInt(position) };
  const recorded = { streamId: stream, id: e.id, revision: 0n, type, data: e.data, metadata: e.metadata, position: at };
  return { event: { ...recorded, isJson: true, created: new Date() } } as unknown as ResolvedEvent;
};

describe('EsdbSubscription', () => {
  let feeds: Feed[];
  let logs: string[];
  let running: EsdbSubscription[];
  beforeEach(() => ((feeds = []), (logs = []), (running = [])));
  afterEach(async () => void (await Promise.all(running.map((s) => s.stop()))));

  function subscribe(overrides: Partial<EsdbSubscriptionConfig> = {}) {
    const batches: RecordedEvent[][] = [];
    const s = new EsdbSubscription({
      after: 0, batchSize: 2, idleMs: 10, backoff: { initialMs: 5, maxMs: 20 },
      open: (from) => {
        const feed = new Feed(from);
        feeds.push(feed);
        return feed;
      },
      head: async () => 0,
      handler: async (batch) => void batches.push(batch),
      onFinished: () => undefined,
      log: (line) => logs.push(line),
      ...overrides,
    });
    running.push(s);
    return { s, batches, positions: () => batches.map((b) => b.map((e) => e.position)) };
  }

  it('doubles the reconnect delay from 0.5 s up to 30 s', () => {
    expect([0, 1, 2, 5, 6, 50].map((a) => backoffDelay(a, 500, 30_000))).toEqual([500, 1000, 2000, 16_000, 30_000, 30_000]);
  });

  it('delivers full batches at once and a partial one after a short idle, in order', async () => {
    const { positions } = subscribe();
    await pause(0);
    expect(feeds[0].from).toBe(START);
    feeds[0].push(event(10), event(20), event(30));
    await pause(40);
    expect(positions()).toEqual([[10, 20], [30]]);
  });

  it('flushes as soon as the server says it caught up', async () => {
    const { positions } = subscribe({ idleMs: 60_000 });
    await pause(0);
    feeds[0].push(event(10));
    await pause(5);
    expect(positions()).toEqual([]);
    feeds[0].announceCaughtUp();
    await pause(5);
    expect(positions()).toEqual([[10]]);
  });

  it("skips EventStoreDB's own events and what an inclusive read repeats", async () => {
    const { positions } = subscribe({ after: 20 });
    await pause(0);
    expect(feeds[0].from).toEqual({ commit: 20n, prepare: 20n });
    feeds[0].push(event(20), event(25, '$stats-node'), event(27, 'campaign-1', '$metadata'), event(30));
    await pause(30);
    expect(positions()).toEqual([[30]]);
  });

  it('runs one batch at a time', async () => {
    let active = 0;
    let most = 0;
    const seen: number[] = [];
    subscribe({
      batchSize: 1,
      handler: async (batch) => {
        most = Math.max(most, ++active);
        await pause(5);
        seen.push(...batch.map((e) => e.position));
        active--;
      },
    });
    await pause(0);
    feeds[0].push(event(1), event(2), event(3));
    await pause(50);
    expect(most).toBe(1);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('reconnects after a drop with a log line, resuming after the last delivered position', async () => {
    const { positions } = subscribe();
    await pause(0);
    feeds[0].push(event(10), event(20), event(30), new Error('14 UNAVAILABLE: Connection dropped'));
    await pause(30);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/dropped \(14 UNAVAILABLE: Connection dropped\); reconnect attempt 1 in 5 ms/);
    expect(logs[0]).toMatch(/resuming after position 20$/);
    expect(feeds).toHaveLength(2);
    expect(feeds[0].closed).toBe(true);
    expect(feeds[1].from).toEqual({ commit: 20n, prepare: 20n });
    feeds[1].push(event(20), event(30), event(40));
    await pause(40);
    expect(positions()).toEqual([[10, 20], [30, 40]]);
  });

  it('backs off longer on each failed attempt', async () => {
    subscribe();
    for (let i = 0; i < 4; i++) {
      await pause(i === 0 ? 0 : 45);
      feeds[feeds.length - 1].push(new Error('connect ECONNREFUSED'));
    }
    await pause(30);
    expect(logs.map((l) => Number(/in (\d+) ms/.exec(l)?.[1]))).toEqual([5, 10, 20, 20]);
  });

  it('stops on a handler error, reports it, does not reconnect, and fails caughtUp', async () => {
    const failure = new Error('projection failed');
    const reported = deferred();
    let error: unknown;
    const { s } = subscribe({
      head: async () => 99,
      handler: async () => { throw failure; },
      onError: (e) => ((error = e), reported.resolve()),
    });
    await pause(0);
    feeds[0].push(event(10), event(20));
    await reported.promise;
    expect(error).toBe(failure);
    expect(logs).toEqual([]);
    expect(feeds).toHaveLength(1);
    await expect(s.caughtUp()).rejects.toThrow();
  });

  it('stop() waits for the batch in hand, then delivers nothing more', async () => {
    const gate = deferred();
    const started = deferred();
    let calls = 0;
    const { s } = subscribe({ batchSize: 1, handler: async () => (calls++, started.resolve(), gate.promise) });
    await pause(0);
    feeds[0].push(event(1), event(2));
    await started.promise;
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await pause(10);
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(calls).toBe(1);
    expect(feeds[0].closed).toBe(true);
  });

  it('caughtUp() resolves once the head at call time is delivered', async () => {
    const { s } = subscribe({ head: async () => 20 });
    await pause(0);
    let done = false;
    const caughtUp = s.caughtUp().then(() => (done = true));
    feeds[0].push(event(10));
    await pause(20);
    expect(done).toBe(false);
    feeds[0].push(event(20));
    await caughtUp;
  });
});
