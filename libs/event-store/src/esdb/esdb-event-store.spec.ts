/**
 * EsdbEventStore against a scripted EventStoreDB (../testing/scripted-esdb.ts, which answers as the
 * server documents): the whole EventStore contract, and the rules that only the production path
 * has: a retry at `any`, resuming only from positions the server handed out, errors no retry can
 * fix, a head that costs one read however busy the server, bounded conflict reads, the size limit.
 * None of this says a real server behaves so; the int suite does that when EVENTSTORE_URL is set.
 */
import { AccessDeniedError, UnavailableError } from '@eventstore/db-client';
import { AppendTooLarge } from '../append-limit';
import type { RecordedEvent } from '../event-store.port';
import { eventStoreContract } from '../testing/event-store.contract';
import { invalidPositionError, ScriptedEsdb } from '../testing/scripted-esdb';
import { isUnrecoverable } from './esdb-errors';
import { EsdbEventStore } from './esdb-event-store';
import { HEAD_STREAM } from './esdb-head';
import { anEvent } from '../testing/event-builders';
import { deferred, pause } from '@survey/domain/testing';

const open: EsdbEventStore[] = [];
const storeOn = (server: ScriptedEsdb, namespace?: string, log: (line: string) => void = () => undefined) => {
  const store = EsdbEventStore.withClient(server, { namespace, idleFlushMs: 5, reconnect: { initialMs: 5, maxMs: 20 }, log });
  open.push(store);
  return store;
};
afterEach(async () => void (await Promise.all(open.splice(0).map((s) => s.close()))));

eventStoreContract('EsdbEventStore on a scripted server', async () => {
  const store = EsdbEventStore.withClient(new ScriptedEsdb(), { idleFlushMs: 5 });
  return { store, cleanup: () => store.close() };
}, { idsUniqueAcrossStreams: false });

describe('EsdbEventStore on a scripted server', () => {
  const calls = (server: ScriptedEsdb) => ({ ...server.calls, eventsRead: server.eventsRead });
  const since = (server: ScriptedEsdb, before: ReturnType<typeof calls>) => {
    const now = calls(server);
    return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - before[k as keyof typeof before]]));
  };

  describe('a retry at any', () => {
    it('answers as the first append did and writes nothing twice, though the server would have', async () => {
      const server = new ScriptedEsdb();
      const store = storeOn(server);
      await store.append('s', [anEvent()], 'no_stream');
      const events = [anEvent(), anEvent()];
      const first = await store.append('s', events, 'any');
      await expect(store.append('s', events, 'any')).resolves.toEqual(first);
      expect((await store.readStream('s')).map((e) => e.id)).toHaveLength(3);
      // The scripted server, like the real one, takes ids again at the current revision: the adapter must not send them.
      await server.appendToStream('s', [{ id: events[0].id, type: 'T', data: {}, metadata: anEvent().metadata }], { expectedRevision: 2n });
      expect((await store.readStream('s')).filter((e) => e.id === events[0].id)).toHaveLength(2);
    });

    it('refuses ids of the stream reused at any in another order or partly, as a Conflict', async () => {
      const store = storeOn(new ScriptedEsdb());
      const [a, b] = [anEvent(), anEvent()];
      await store.append('s', [a, b], 'no_stream');
      await expect(store.append('s', [b, a], 'any')).rejects.toThrow(/already used/);
      await expect(store.append('s', [a, anEvent()], 'any')).rejects.toThrow(/already used/);
      expect(await store.readStream('s')).toHaveLength(2);
    });
  });

  describe('resuming a subscription', () => {
    const follow = (store: EsdbEventStore, after: number) => {
      const received: RecordedEvent[] = [];
      let reported: unknown;
      const done = deferred();
      const subscription = store.subscribeToAll({ after }, async (batch) => void received.push(...batch), (error) => ((reported = error), done.resolve()));
      return { subscription, received, done: done.promise, reported: () => reported };
    };

    it('refuses a position inside a record (the server says InvalidPosition) with one clear line, once, and fails caughtUp', async () => {
      const server = new ScriptedEsdb();
      const logs: string[] = [];
      const store = storeOn(server, undefined, (line) => logs.push(line));
      const { position } = await store.append('s', [anEvent()], 'no_stream');
      const { subscription, done, reported } = follow(store, position + 3);
      await done;
      expect(isUnrecoverable(reported())).toBe(true);
      expect((reported() as Error).message).toBe(
        `position ${position + 3} is not the position of an event of this log on this EventStoreDB (a checkpoint carried over from another store, such as the SQLite files?): drop the read models and rebuild them from this log`,
      );
      await expect(subscription.caughtUp()).rejects.toThrow();
      expect(logs).toEqual([]); // no reconnect attempts
      expect(server.calls.subscribeToAll).toBe(0);
    });

    it('refuses a SQLite checkpoint that happens to fall on another deployment\'s event', async () => {
      const server = new ScriptedEsdb();
      await server.foreign(3);
      const foreignPosition = Number(server.log[1].position.prepare);
      const store = storeOn(server, 'ours');
      await store.append('s', [anEvent()], 'no_stream');
      const { done, reported } = follow(store, foreignPosition);
      await done;
      expect((reported() as Error).message).toMatch(new RegExp(`^position ${foreignPosition} is not the position of an event of this log`));
    });

    it('resumes after a position it handed out, without the verifying read delivering anything', async () => {
      const server = new ScriptedEsdb();
      const store = storeOn(server);
      const [one, two] = [anEvent(), anEvent()];
      const { position } = await store.append('s', [one], 'no_stream');
      await store.append('s', [two], 0);
      const { subscription, received } = follow(store, position);
      await subscription.caughtUp();
      expect(received.map((e) => e.id)).toEqual([two.id]);
    });

    it('makes access denied fatal, reported through onError, and keeps reconnecting on an unavailable server', async () => {
      const server = new ScriptedEsdb();
      const logs: string[] = [];
      const store = storeOn(server, undefined, (line) => logs.push(line));
      let failures: Error[] = [new UnavailableError(undefined as never, '14 UNAVAILABLE: no connection'), new AccessDeniedError(undefined as never, 'Access Denied')];
      const opened = server.subscribeToAll.bind(server);
      server.subscribeToAll = (options) => {
        const failure = failures.shift();
        if (!failure) return opened(options);
        const failing = opened(options);
        failing[Symbol.asyncIterator] = () => ({ next: () => Promise.reject(failure) }) as never;
        return failing;
      };
      const { done, reported } = follow(store, 0);
      await done;
      expect(logs).toHaveLength(1); // the unavailable server: one reconnect
      expect(isUnrecoverable(reported())).toBe(true);
      expect((reported() as Error).message).toMatch(/^EventStoreDB refused to read \$all: Access Denied/);
      failures = [];
    });

    it('reads $all from a bad position with the same clear error', async () => {
      const server = new ScriptedEsdb();
      const store = storeOn(server);
      const { position } = await store.append('s', [anEvent()], 'no_stream');
      await expect(store.readAll(position + 1, 10)).rejects.toThrow(/^position \d+ is not the position of an event of this log/);
      expect(invalidPositionError().code).toBe(3);
    });
  });

  describe('the head', () => {
    it('costs one read of one event on a server holding 10,000 events of others, for an empty namespace', async () => {
      const server = new ScriptedEsdb();
      await server.foreign(10_000);
      const store = storeOn(server, 'fresh');
      let before = calls(server);
      expect(await store.headPosition()).toBe(0);
      expect(since(server, before)).toMatchObject({ readAll: 0, readStream: 1, eventsRead: 0 });
      before = calls(server);
      await store.probe();
      expect(since(server, before)).toMatchObject({ readAll: 1, readStream: 0, eventsRead: 1 });
      const { position } = await store.append('ballot-1', [anEvent()], 'no_stream');
      await server.foreign(100);
      before = calls(server);
      expect(await store.headPosition()).toBe(position);
      expect(since(server, before)).toMatchObject({ readAll: 0, readStream: 1, eventsRead: 1 });
      const received: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({ after: 0 }, async (batch) => void received.push(...batch));
      await subscription.caughtUp();
      expect(received.map((e) => e.position)).toEqual([position]);
    });

    it('is raised before an append is acknowledged, only ever upwards, by several writers at once', async () => {
      const server = new ScriptedEsdb();
      const [a, b] = [storeOn(server, 'ns'), storeOn(server, 'ns')];
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).append(`s-${i}`, [anEvent()], 'no_stream')));
      const highest = Math.max(...results.map((r) => r.position));
      expect(await a.headPosition()).toBe(highest);
      expect(await b.headPosition()).toBe(highest);
      const marks = server.log.filter((e) => e.streamId === `ns.${HEAD_STREAM}`).map((e) => (JSON.parse(e.data) as { head: number }).head);
      expect(marks).toEqual([...marks].sort((x, y) => x - y));
      expect(marks.length).toBeLessThan(40); // appends in flight together share a marker write
      expect(server.streamMetadata.get(`ns.${HEAD_STREAM}`)).toEqual({ maxCount: 16 });
      // The markers are no survey events: neither read nor delivered.
      expect((await a.readAll(0, 1000)).map((e) => e.stream).filter((s) => s.includes(HEAD_STREAM))).toEqual([]);
    });
  });

  it('finds the revision of a conflict in bounded reads, however long the stream (two sealers on audit-seals)', async () => {
    const server = new ScriptedEsdb();
    const store = storeOn(server);
    for (let i = 0; i < 300; i++) await store.append('audit-seals', [anEvent('LogSealed')], i === 0 ? 'no_stream' : i - 1);
    const before = calls(server);
    await expect(store.append('audit-seals', [anEvent('LogSealed')], 298)).rejects.toMatchObject({ expected: '298', actual: '299' });
    expect(since(server, before).eventsRead).toBeLessThanOrEqual(40);
  });

  it('turns a server\'s lower MaxAppendSize into AppendTooLarge, naming its limit', async () => {
    const server = new ScriptedEsdb();
    server.maxAppendSize = 10_000;
    const store = storeOn(server);
    const error = await store.append('s', [anEvent('Big', { text: 'x'.repeat(20_000) })], 'no_stream').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppendTooLarge);
    expect(error).toMatchObject({ limit: 10_000, stream: 's' });
    expect(await store.readStream('s')).toEqual([]);
    await pause(0);
  });
});
