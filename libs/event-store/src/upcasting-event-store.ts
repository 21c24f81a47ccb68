/**
 * An EventStore that hands out every event in its current shape (see @survey/domain's Upcasters):
 * reads and subscriptions go through the registry, appends go through untouched. With no upcaster
 * registered the store is used as it is, so the read path costs nothing until a shape changes.
 */
import type { Upcasters } from '@survey/domain';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, RecordedEvent, Subscription, SubscriptionOptions } from './event-store.port';

export function withUpcasting(store: EventStore, upcasters: Upcasters): EventStore {
  return upcasters.isEmpty ? store : new UpcastingEventStore(store, upcasters);
}

export class UpcastingEventStore implements EventStore {
  constructor(private readonly inner: EventStore, private readonly upcasters: Upcasters) {}

  get positionUnit(): EventStore['positionUnit'] {
    return this.inner.positionUnit;
  }

  append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.inner.append(stream, events, expected);
  }

  async readStream(stream: string, fromRevision?: number): Promise<RecordedEvent[]> {
    return this.all(await this.inner.readStream(stream, fromRevision));
  }

  async readAll(after: number, limit: number, options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.all(await this.inner.readAll(after, limit, options));
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  subscribeToAll(options: SubscriptionOptions, handler: (events: RecordedEvent[]) => Promise<void>, onError?: (error: unknown) => void): Subscription {
    return this.inner.subscribeToAll(options, (events) => handler(this.all(events)), onError);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  get storageStatus(): EventStore['storageStatus'] {
    return this.inner.storageStatus?.bind(this.inner);
  }

  private all(events: RecordedEvent[]): RecordedEvent[] {
    return events.map((e) => this.upcasters.upcast(e));
  }
}
