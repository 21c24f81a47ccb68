/**
 * The EventStore contract: every adapter runs this suite (SQLite in CI, servers when their URL is
 * set). Stream names carry a random suffix and log-wide assertions tolerate other writers, so the
 * suite also runs against a shared server.
 */
import { randomUUID } from 'node:crypto';
import { Conflict, WrongExpectedRevision } from '@survey/domain';
import { AppendTooLarge, MAX_APPEND_BYTES } from '../append-limit';
import { eventHash, GENESIS } from '../chain/event-hash';
import type { EventStore, NewEvent } from '../event-store.port';
import { anEvent, collect } from './event-builders';
import { subscriptionContract } from './subscription.contract';

export type StoreFactory = () => Promise<{ store: EventStore; cleanup: () => Promise<void> }>;

export interface ContractOptions {
  /**
   * Whether an event id is unique across the whole log. SQLite keeps one index of ids; EventStoreDB
   * checks ids within a stream only, so the same id in another stream is a new event there.
   */
  idsUniqueAcrossStreams?: boolean;
}

export function eventStoreContract(name: string, make: StoreFactory, options: ContractOptions = {}): void {
  const idsUniqueAcrossStreams = options.idsUniqueAcrossStreams ?? true;
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    const stream = (kind = 'test') => `${kind}-${randomUUID()}`;

    beforeEach(async () => ({ store, cleanup } = await make()));
    afterEach(() => cleanup());

    it('appends and reads a stream back in order, 0-based, from a given revision', async () => {
      const s = stream();
      const events = [anEvent('A'), anEvent('B'), anEvent('C')];
      const result = await store.append(s, events, 'no_stream');
      expect(result.revision).toBe(2);
      const read = await store.readStream(s);
      expect(read.map((e) => [e.id, e.type, e.revision, e.stream])).toEqual(events.map((e, i) => [e.id, e.type, i, s]));
      expect(read[2].position).toBe(result.position);
      expect((await store.readStream(s, 1)).map((e) => e.id)).toEqual([events[1].id, events[2].id]);
      expect(await store.readStream(stream('missing'))).toEqual([]);
    });

    it('round-trips data and metadata exactly', async () => {
      const s = stream();
      const event = anEvent('EvaluationSubmitted', { district: '鼓楼区', n: 0.1, list: [1, null, { deep: true }], empty: '' });
      await store.append(s, [event], 'no_stream');
      const [read] = await store.readStream(s);
      expect(read.data).toEqual(event.data);
      expect(read.metadata).toEqual(event.metadata);
    });

    it('honours no_stream, an exact revision and any', async () => {
      const s = stream();
      await store.append(s, [anEvent()], 'no_stream');
      expect((await store.append(s, [anEvent()], 0)).revision).toBe(1);
      expect((await store.append(s, [anEvent(), anEvent()], 'any')).revision).toBe(3);
      expect((await store.append(stream(), [anEvent()], 'any')).revision).toBe(0);
    });

    it.each([
      ['no_stream on an existing stream', 'no_stream' as const, true, 'no_stream', '0'],
      ['a revision ahead of the stream', 5, true, '5', '0'],
      ['a revision on a missing stream', 0, false, '0', 'no_stream'],
    ])('rejects %s with WrongExpectedRevision and writes nothing', async (_, expected, seed, exp, actual) => {
      const s = stream();
      if (seed) await store.append(s, [anEvent()], 'no_stream');
      const error = await store.append(s, [anEvent()], expected).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevision);
      expect(error).toBeInstanceOf(Conflict);
      expect(error).toMatchObject({ kind: 'conflict', stream: s, expected: exp, actual });
      expect(await store.readStream(s)).toHaveLength(seed ? 1 : 0);
    });

    it('checks the expectation of an empty append without writing', async () => {
      const s = stream();
      await store.append(s, [anEvent()], 'no_stream');
      const head = await store.headPosition();
      await expect(store.append(s, [], 0)).resolves.toMatchObject({ revision: 0 });
      await expect(store.append(s, [], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevision);
      expect(await store.readStream(s)).toHaveLength(1);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(head);
    });

    it('lets exactly one of 50 concurrent appends with the same expectation win', async () => {
      const s = stream();
      await store.append(s, [anEvent()], 'no_stream');
      const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => store.append(s, [anEvent()], 0)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
      expect(losers).toHaveLength(49);
      for (const loser of losers) expect(loser).toBeInstanceOf(WrongExpectedRevision);
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('commits concurrent appends to different streams, each at its own position', async () => {
      const streams = Array.from({ length: 20 }, () => stream());
      const results = await Promise.all(streams.map((s) => store.append(s, [anEvent()], 'no_stream')));
      expect(new Set(results.map((r) => r.position)).size).toBe(20);
      for (const s of streams) expect(await store.readStream(s)).toHaveLength(1);
    });

    it('reads the whole log in strictly increasing positions, after a position, up to a limit', async () => {
      const before = await store.headPosition();
      const s = stream();
      const events = [anEvent(), anEvent(), anEvent()];
      await store.append(s, [anEvent()], 'no_stream');
      const result = await store.append(s, events, 0);
      const all = await store.readAll(before, 10_000);
      const positions = all.map((e) => e.position);
      expect(positions[0]).toBeGreaterThan(before);
      positions.slice(1).forEach((p, i) => expect(p).toBeGreaterThan(positions[i]));
      const ours = all.filter((e) => e.stream === s);
      expect(ours.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      // One append is contiguous in the log, so the event after ours[1] is ours[2].
      expect((await store.readAll(ours[1].position, 1)).map((e) => e.id)).toEqual([events[1].id]);
      expect(await store.readAll(before, 2)).toHaveLength(2);
      expect((await store.readAll(result.position, 10_000)).filter((e) => e.stream === s)).toEqual([]);
      expect(ours[3].position).toBe(result.position);
    });

    it('reports a head position that moves past each append', async () => {
      const before = await store.headPosition();
      const result = await store.append(stream(), [anEvent()], 'no_stream');
      expect(result.position).toBeGreaterThan(before);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
    });

    it('treats a retry with the same ids and expectation as a no-op with the original result', async () => {
      const s = stream();
      const first: NewEvent[] = [anEvent(), anEvent()];
      const original = await store.append(s, first, 'no_stream');
      await expect(store.append(s, first, 'no_stream')).resolves.toEqual(original);
      const next = [anEvent()];
      const nextResult = await store.append(s, next, 1);
      await expect(store.append(s, first, 'no_stream')).resolves.toEqual(original);
      await expect(store.append(s, next, 1)).resolves.toEqual(nextResult);
      await expect(store.append(s, next, 'any')).resolves.toEqual(nextResult);
      expect(await collect(store.readStream(s))).toEqual([...first, ...next].map((e) => e.id));
    });

    it('rejects an event id already used elsewhere with a Conflict', async () => {
      const s = stream();
      const [a, b] = [anEvent(), anEvent()];
      await store.append(s, [a, b], 'no_stream');
      const attempts = [
        ...(idsUniqueAcrossStreams ? [store.append(stream(), [a], 'no_stream')] : []), // another stream
        store.append(s, [a, anEvent()], 'no_stream'), // partly new
        store.append(s, [b], 'no_stream'), // same stream, another revision
        store.append(s, [a, b], 3), // same stream, revisions another expectation would give
      ];
      for (const attempt of attempts) {
        const error = await attempt.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Conflict);
        expect(error).not.toBeInstanceOf(WrongExpectedRevision);
        expect((error as Error).message).toMatch(/already used/);
      }
      expect(await collect(store.readStream(s))).toEqual([a.id, b.id]);
    });

    it('chains each event to the previous one of its stream over the bytes as given, in one append or several', async () => {
      // Reads start from a position the store handed out: EventStoreDB refuses any other number.
      const before = await store.headPosition();
      const s = stream();
      const events = [anEvent('A', { 鼓楼区: 1 }), anEvent('B'), anEvent('C')];
      await store.append(s, events.slice(0, 2), 'no_stream');
      // The same stream twice in one group-commit batch: the second must chain to the first.
      await Promise.all([store.append(s, [events[2]], 1), store.append(stream(), [anEvent()], 'no_stream')]);
      let previous = GENESIS;
      const expected = events.map((e, revision) => {
        previous = eventHash(previous, { stream: s, revision, type: e.type, data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) });
        return previous;
      });
      expect((await store.readStream(s)).map((e) => e.hash)).toEqual(expected);
      const all = await store.readAll(before, 10_000, { hashes: true });
      expect(all.filter((e) => e.stream === s).map((e) => e.hash)).toEqual(expected);
      const delivered: string[] = [];
      const subscription = store.subscribeToAll({ after: before, hashes: true }, async (batch) => {
        for (const e of batch) if (e.stream === s && e.hash) delivered.push(e.hash);
      });
      await subscription.caughtUp();
      await subscription.stop();
      expect(delivered).toEqual(expected);
      // Metadata reads back as given: the hash is not folded into it.
      expect((await store.readStream(s))[0].metadata).toEqual(events[0].metadata);
    });

    it('refuses an append over the one size limit with AppendTooLarge, writing nothing, and takes one under it', async () => {
      const s = stream();
      // 1.1 MB in 11 events of 100 kB: each would fit alone, together they are over EventStoreDB's MaxAppendSize.
      const big = Array.from({ length: 11 }, () => anEvent('Big', { text: 'x'.repeat(100_000) }));
      const error = await store.append(s, big, 'no_stream').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppendTooLarge);
      expect((error as AppendTooLarge).limit).toBe(MAX_APPEND_BYTES);
      expect((error as Error).message).toMatch(new RegExp(`^append to ${s} is 1,1\\d\\d,\\d{3} bytes, over the 1,048,576 one append may carry`));
      expect(await store.readStream(s)).toEqual([]);
      await expect(store.append(s, big.slice(0, 9), 'no_stream')).resolves.toMatchObject({ revision: 8 });
    });

    subscriptionContract(() => store, stream);
  });
}
