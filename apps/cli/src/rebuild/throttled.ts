/**
 * `survey rebuild --max-rate`: the log as the rebuild's projector sees it, delivered at no more
 * than `perSecond` events a second, so that a rebuild on a busy production machine leaves room
 * for the API (and so that a test can catch a rebuild midway). Everything else goes to the store.
 */
import type { EventStore, RecordedEvent } from '@survey/event-store';

export function throttled(events: EventStore, perSecond: number): EventStore {
  const subscribeToAll: EventStore['subscribeToAll'] = (options, handler, onError) => {
    const started = Date.now();
    let delivered = 0;
    const paced = async (batch: RecordedEvent[]) => {
      await handler(batch);
      delivered += batch.length;
      const due = started + (delivered / perSecond) * 1000;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    };
    return events.subscribeToAll(options, paced, onError);
  };
  return new Proxy(events, {
    get: (target, key) => {
      if (key === 'subscribeToAll') return subscribeToAll;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
