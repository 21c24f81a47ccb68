/**
 * The subscribeToAll part of the EventStore contract, run from eventStoreContract. Assertions
 * filter the log to this test's streams, so other writers on a shared server do not matter.
 */
import type { EventStore, RecordedEvent, Subscription } from '../event-store.port';
import { anEvent } from './event-builders';
import { deferred, pause } from '@survey/domain/testing';

export function subscriptionContract(store: () => EventStore, stream: () => string): void {
  describe('subscribeToAll', () => {
    let subscriptions: Subscription[] = [];
    afterEach(async () => {
      await Promise.all(subscriptions.map((s) => s.stop()));
      subscriptions = [];
    });

    function follow(after: number, batchSize?: number) {
      const received: RecordedEvent[] = [];
      const batchSizes: number[] = [];
      const subscription = store().subscribeToAll({ after, batchSize }, async (batch) => {
        batchSizes.push(batch.length);
        received.push(...batch);
      });
      subscriptions.push(subscription);
      return { subscription, received, batchSizes };
    }

    const idsIn = (events: RecordedEvent[], s: string) => events.filter((e) => e.stream === s).map((e) => e.id);

    it('delivers existing then new events in order, exactly once, in bounded batches', async () => {
      const before = await store().headPosition();
      const s = stream();
      const existing = [anEvent(), anEvent(), anEvent()];
      await store().append(s, existing.slice(0, 1), 'no_stream');
      await store().append(s, existing.slice(1), 0);
      const { subscription, received, batchSizes } = follow(before, 2);
      await subscription.caughtUp();
      expect(idsIn(received, s)).toEqual(existing.map((e) => e.id));

      const later = [anEvent(), anEvent()];
      await store().append(s, later, 2);
      await subscription.caughtUp();
      await pause(30);
      expect(idsIn(received, s)).toEqual([...existing, ...later].map((e) => e.id));
      const positions = received.map((e) => e.position);
      expect(positions[0]).toBeGreaterThan(before);
      positions.slice(1).forEach((p, i) => expect(p).toBeGreaterThan(positions[i]));
      expect(Math.max(...batchSizes)).toBeLessThanOrEqual(2);
    });

    it('resumes strictly after the given position', async () => {
      const s = stream();
      const events = [anEvent(), anEvent(), anEvent()];
      await store().append(s, events, 'no_stream');
      const [first] = await store().readStream(s);
      const { subscription, received } = follow(first.position);
      await subscription.caughtUp();
      expect(idsIn(received, s)).toEqual([events[1].id, events[2].id]);
      expect(received.every((e) => e.position > first.position)).toBe(true);
    });

    it('serves several subscriptions independently', async () => {
      const before = await store().headPosition();
      const s = stream();
      const one = follow(before);
      const two = follow(before, 1);
      const events = [anEvent(), anEvent()];
      await store().append(s, events, 'no_stream');
      await Promise.all([one.subscription.caughtUp(), two.subscription.caughtUp()]);
      expect(idsIn(one.received, s)).toEqual(events.map((e) => e.id));
      expect(idsIn(two.received, s)).toEqual(events.map((e) => e.id));
    });

    it('stop() lets the batch in hand finish, then delivers nothing more', async () => {
      const before = await store().headPosition();
      const s = stream();
      await store().append(s, [anEvent()], 'no_stream');
      const started = deferred();
      const gate = deferred();
      let batches = 0;
      const subscription = store().subscribeToAll({ after: before }, async () => {
        batches++;
        started.resolve();
        await gate.promise;
      });
      subscriptions.push(subscription);
      await started.promise;
      let stopped = false;
      const stopping = subscription.stop().then(() => (stopped = true));
      await pause(20);
      expect(stopped).toBe(false);
      gate.resolve();
      await stopping;
      await store().append(s, [anEvent()], 0);
      await pause(50);
      expect(batches).toBe(1);
    });

    it('stops on a handler error and reports it through onError', async () => {
      const before = await store().headPosition();
      await store().append(stream(), [anEvent()], 'no_stream');
      const failure = new Error('projection failed');
      let batches = 0;
      const reported = new Promise<unknown>((resolve) => {
        const handler = async () => {
          batches++;
          throw failure;
        };
        subscriptions.push(store().subscribeToAll({ after: before }, handler, resolve));
      });
      expect(await reported).toBe(failure);
      await store().append(stream(), [anEvent()], 'no_stream');
      await pause(50);
      expect(batches).toBe(1);
      await expect(subscriptions[0].caughtUp()).rejects.toThrow();
    });
  });
}
