/**
 * The EventStoreDB adapter of the EventStore port (gRPC, @eventstore/db-client). Streams, event
 * types, ids and metadata are stored as given; positions are mapped in ./position.ts. Appends are
 * checked and serialised by the same rules as the SQLite adapter, so both reject the same requests.
 * Each event's chain hash rides in its metadata (./esdb-chain.ts).
 */
import {
  BACKWARDS, END, EventStoreDBClient, FORWARDS, StreamNotFoundError, WrongExpectedVersionError,
  excludeSystemEvents, jsonEvent, streamNameFilter,
} from '@eventstore/db-client';
import type { AppendResult as ClientAppendResult, JSONType, Position, ReadStreamOptions } from '@eventstore/db-client';
import { WrongExpectedRevision } from '@survey/domain';
import { describeRevision, earlierResult, satisfies, serializeAppend } from '../append-request';
import type { QueuedAppend } from '../append-request';
import type {
  AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, RecordedEvent, Subscription, SubscriptionOptions,
} from '../event-store.port';
import { GENESIS } from '../chain/event-hash';
import { chainEvents, LastHashes } from './esdb-chain';
import { describeCurrent, eventOf, StreamNamespace, toExpectedRevision } from './esdb-events';
import { EsdbSubscription } from './esdb-subscription';
import { portPositionOrUndefined, resumeFrom, toPortPosition } from './position';

export interface EsdbEventStoreOptions {
  /** How long a subscription holds a partial batch waiting for more events (servers before 23.10 never say "caught up"). */
  idleFlushMs?: number;
  /** Reconnect backoff of a dropped subscription: doubles from initialMs up to maxMs. */
  reconnect?: { initialMs: number; maxMs: number };
  /** One line per reconnect attempt. */
  log?: (line: string) => void;
  /** Stream-name prefix isolating this deployment on a shared server (SURVEY_NAMESPACE); see StreamNamespace. */
  namespace?: string;
}

/** How often an append at 'any' is tried again when another writer keeps getting in first. */
const ANY_ATTEMPTS = 10;

/** Events read per page when looking backwards past EventStoreDB's own events for the head. */
const HEAD_PAGE = 32;

export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly lastHashes = new LastHashes();
  private closing: Promise<void> | undefined;
  private readonly namespace: StreamNamespace;

  private constructor(private readonly client: EventStoreDBClient, private readonly options: EsdbEventStoreOptions) {
    this.namespace = new StreamNamespace(options.namespace);
  }

  /** `url` is an esdb:// or esdb+discover:// connection string; a malformed one throws here, at start-up. */
  static connect(url: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(url), options);
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen('append');
    const request = serializeAppend(stream, events, expected);
    // An empty write cannot be relied on to check the expectation server-side; check it by reading.
    if (events.length === 0) return this.checkOnly(stream, expected);
    for (let attempt = 1; ; attempt++) {
      // The chain needs the previous event's hash: an exact expectation names that event, and 'any'
      // is pinned to the revision read here (a conflict then means another writer came in between).
      const previous = await this.previousOf(stream, expected);
      const pinned: ExpectedRevision = expected !== 'any' ? expected : previous.revision < 0 ? 'no_stream' : previous.revision;
      const chained = chainEvents(stream, previous.revision + 1, previous.hash, request.events);
      let result: ClientAppendResult;
      try {
        const data = chained.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data as JSONType, metadata: e.metadata as JSONType }));
        result = await this.client.appendToStream(this.namespace.stored(stream), data, { expectedRevision: toExpectedRevision(pinned) });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // The server matches retries only at the expected revision; ids used at another revision are a
        // Conflict, as in the SQLite adapter, not a concurrency failure worth retrying.
        const earlier = await this.earlierAppend(request);
        if (earlier) return earlier;
        if (expected === 'any' && attempt < ANY_ATTEMPTS) continue;
        throw new WrongExpectedRevision(stream, describeRevision(expected), describeCurrent(error.actualVersion));
      }
      const located = await this.locate(request, result);
      if (located.revision === previous.revision + chained.length) this.lastHashes.remember(stream, located.revision, chained[chained.length - 1].hash);
      return located;
    }
  }

  async readStream(stream: string, fromRevision = 0): Promise<RecordedEvent[]> {
    this.assertOpen('read');
    if (!Number.isSafeInteger(fromRevision) || fromRevision < 0) {
      throw new RangeError(`fromRevision must be a non-negative integer, got ${fromRevision}`);
    }
    return this.readEvents(stream, { fromRevision: BigInt(fromRevision), direction: FORWARDS });
  }

  /** Hashes come with the metadata here, so `options.hashes` costs nothing and changes nothing. */
  async readAll(after: number, limit: number, _options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen('read');
    const found: RecordedEvent[] = [];
    let from = after;
    // $all interleaves EventStoreDB's own events with ours: page until `limit` of ours or the end.
    while (found.length < limit) {
      const page = limit - found.length + 1; // +1: the read includes the event at `from` itself
      let read = 0;
      let last = from;
      const reading = this.client.readAll({ fromPosition: resumeFrom(from), maxCount: page, direction: FORWARDS });
      for await (const resolved of reading) {
        read++;
        const event = eventOf(resolved);
        if (!event?.position) continue;
        const position = toPortPosition(event.position);
        if (position <= from) continue;
        last = position;
        if (this.namespace.owns(event) && found.length < limit) found.push(this.namespace.recorded(event));
      }
      if (read < page || last === from) break;
      from = last;
    }
    return found;
  }

  async headPosition(): Promise<number> {
    this.assertOpen('read');
    let from: Position | typeof END = END;
    for (;;) {
      let read = 0;
      let head: number | undefined;
      let oldest: Position | undefined;
      for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: HEAD_PAGE, direction: BACKWARDS })) {
        read++;
        const event = eventOf(resolved);
        if (!event?.position) continue;
        if (head === undefined && this.namespace.owns(event)) head = toPortPosition(event.position);
        oldest = event.position;
      }
      if (head !== undefined) return head;
      if (read < HEAD_PAGE || !oldest) return 0;
      if (from !== END && oldest.prepare >= from.prepare) throw new Error('reading $all backwards made no progress');
      from = oldest;
    }
  }

  subscribeToAll(
    options: SubscriptionOptions,
    handler: (events: RecordedEvent[]) => Promise<void>,
    onError?: (error: unknown) => void,
  ): Subscription {
    this.assertOpen('subscribe');
    const subscription = new EsdbSubscription({
      after: options.after,
      batchSize: options.batchSize ?? 1000,
      open: (fromPosition) => this.client.subscribeToAll({ fromPosition, filter: this.subscriptionFilter() }),
      namespace: this.namespace,
      head: () => this.headPosition(),
      handler,
      onError,
      onFinished: (s) => this.subscriptions.delete(s),
      log: this.options.log ?? ((line) => console.warn(line)),
      idleMs: this.options.idleFlushMs ?? 20,
      backoff: this.options.reconnect ?? { initialMs: 500, maxMs: 30_000 },
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((s) => s.stop()));
      await this.client.dispose();
    })();
    return this.closing;
  }

  /**
   * The port's result for a successful append. A one-event write reports that event's own position;
   * a multi-event or idempotent reply may report the write's span or none, so the last event is read back.
   */
  private async locate(request: QueuedAppend, result: ClientAppendResult): Promise<AppendResult> {
    const revision = Number(result.nextExpectedRevision);
    const single = request.events.length === 1 && result.position?.commit === result.position?.prepare;
    const position = single ? portPositionOrUndefined(result.position) : undefined;
    if (position !== undefined) return { revision, position };
    const [atRevision] = await this.readEvents(request.stream, { fromRevision: BigInt(revision), maxCount: 1 });
    if (atRevision?.id === request.events[request.events.length - 1].id) return { revision, position: atRevision.position };
    const earlier = await this.earlierAppend(request);
    if (earlier) return earlier;
    throw new Error(`append to ${request.stream} was acknowledged but its events are not in the stream`);
  }

  /** The revision and chain hash of the event an append at `expected` follows (-1 and '' for none). */
  private async previousOf(stream: string, expected: ExpectedRevision): Promise<{ revision: number; hash: string }> {
    if (expected === 'no_stream') return { revision: -1, hash: GENESIS };
    if (expected !== 'any') {
      const known = this.lastHashes.at(stream, expected);
      if (known !== undefined) return { revision: expected, hash: known };
      const [event] = await this.readEvents(stream, { fromRevision: BigInt(expected), maxCount: 1 });
      // No such event: the server refuses the append on its expectation, whatever it chains to.
      return { revision: expected, hash: event?.revision === expected ? (event.hash ?? GENESIS) : GENESIS };
    }
    const [last] = await this.readEvents(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
    return last ? { revision: last.revision, hash: last.hash ?? GENESIS } : { revision: -1, hash: GENESIS };
  }

  private async checkOnly(stream: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readEvents(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
    if (!satisfies(expected, last?.revision)) {
      throw new WrongExpectedRevision(stream, describeRevision(expected), describeRevision(last?.revision));
    }
    return { revision: last?.revision ?? -1, position: last?.position ?? 0 };
  }

  /** The original result when this append is a retry of one already in the stream (see earlierResult). */
  private async earlierAppend(request: QueuedAppend): Promise<AppendResult | undefined> {
    const stored = new Map((await this.readEvents(request.stream, { direction: FORWARDS })).map((e) => [e.id, e]));
    return earlierResult(request, request.events.map((e) => stored.get(e.id)));
  }

  private subscriptionFilter() {
    const prefixes = this.namespace.prefixes;
    return prefixes ? streamNameFilter({ prefixes }) : excludeSystemEvents();
  }

  /** A stream's events, by the port's stream name. */
  private async readEvents(stream: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(this.namespace.stored(stream), options)) {
        const event = eventOf(resolved);
        if (event) events.push(this.namespace.recorded(event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  private assertOpen(what: string): void {
    if (this.closing) throw new Error(`EsdbEventStore is closed: ${what} refused`);
  }
}
