/**
 * The EventStoreDB adapter of the EventStore port (gRPC, @eventstore/db-client). Streams, event
 * types, ids and metadata are stored as given; positions are mapped in ./position.ts (byte offsets
 * in the server's log, so differences of positions are bytes, not events). Appends are checked and
 * serialised by the same rules as the SQLite adapter, so both reject the same requests, and raise
 * the stored head (./esdb-head.ts) before they are acknowledged. Each event's chain hash rides in
 * its metadata (./esdb-chain.ts). Every rule here is tested against a scripted client
 * (../testing/scripted-esdb.ts) and, when EVENTSTORE_URL is set, against a server.
 */
import {
  BACKWARDS, END, EventStoreDBClient, FORWARDS, StreamNotFoundError, WrongExpectedVersionError,
  excludeSystemEvents, jsonEvent, streamNameFilter,
} from '@eventstore/db-client';
import type { AppendResult as ClientAppendResult, JSONType, ReadStreamOptions } from '@eventstore/db-client';
import { WrongExpectedRevision } from '@survey/domain';
import { appendSize } from '../append-limit';
import { describeRevision, earlierResult, satisfies, serializeAppend } from '../append-request';
import type { QueuedAppend, StoredAt } from '../append-request';
import type {
  AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, RecordedEvent, Subscription, SubscriptionOptions,
} from '../event-store.port';
import { GENESIS } from '../chain/event-hash';
import { chainEvents, LastHashes } from './esdb-chain';
import type { EsdbClient } from './esdb-client';
import { appendError, notAPosition, readAllError } from './esdb-errors';
import { describeCurrent, eventOf, StreamNamespace, toExpectedRevision } from './esdb-events';
import { LogHead } from './esdb-head';
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

/**
 * How far back from a stream's end an append looks for its own ids when the server did not match
 * them (a retry at `any`, or ids used at another revision): a retry comes soon after the original,
 * and a conflict must not read a long stream whole (two sealers on `audit-seals` did, each time).
 */
const RETRY_WINDOW = 32;

export class EsdbEventStore implements EventStore {
  /** Positions are byte offsets in the server's log: a lag between two of them is in bytes. */
  readonly positionUnit = 'bytes' as const;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly lastHashes = new LastHashes();
  private closing: Promise<void> | undefined;
  private readonly namespace: StreamNamespace;
  private readonly head: LogHead;

  private constructor(private readonly client: EsdbClient, private readonly options: EsdbEventStoreOptions) {
    this.namespace = new StreamNamespace(options.namespace);
    this.head = new LogHead(client, this.namespace.headStream);
  }

  /** `url` is an esdb:// or esdb+discover:// connection string; a malformed one throws here, at start-up. */
  static connect(url: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    const client: EsdbClient = EventStoreDBClient.connectionString(url);
    return new EsdbEventStore(client, options);
  }

  /** On a client of one's own: the scripted one of the unit tests. */
  static withClient(client: EsdbClient, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(client, options);
  }

  /** One cheap call that needs the server and the right to read $all: the start-up check. */
  async probe(): Promise<void> {
    this.assertOpen('read');
    for await (const _ of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) break;
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen('append');
    const request = serializeAppend(stream, events, expected);
    // An empty write cannot be relied on to check the expectation server-side; check it by reading.
    if (events.length === 0) return this.checkOnly(stream, expected);
    for (let attempt = 1; ; attempt++) {
      // The chain needs the previous event's hash: an exact expectation names that event, and 'any'
      // is pinned to the revision read here (a conflict then means another writer came in between).
      // At a pinned revision the server writes without looking at ids, so a retry at 'any' is
      // recognised here, from the stream's last events, and answered as the first append was.
      const previous = await this.previousOf(request);
      if ('earlier' in previous) return this.acknowledged(previous.earlier);
      const pinned: ExpectedRevision = expected !== 'any' ? expected : previous.revision < 0 ? 'no_stream' : previous.revision;
      const chained = chainEvents(stream, previous.revision + 1, previous.hash, request.events);
      let result: ClientAppendResult;
      try {
        const data = chained.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data as JSONType, metadata: e.metadata as JSONType }));
        result = await this.client.appendToStream(this.namespace.stored(stream), data, { expectedRevision: toExpectedRevision(pinned) });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw appendError(error, stream, appendSize(request.events));
        // The server matches retries only at the expected revision; ids used at another revision are a
        // Conflict, as in the SQLite adapter, not a concurrency failure worth retrying.
        const earlier = await this.earlierAppend(request);
        if (earlier) return this.acknowledged(earlier);
        if (expected === 'any' && attempt < ANY_ATTEMPTS) continue;
        throw new WrongExpectedRevision(stream, describeRevision(expected), describeCurrent(error.actualVersion));
      }
      const located = await this.locate(request, result);
      if (located.revision === previous.revision + chained.length) this.lastHashes.remember(stream, located.revision, chained[chained.length - 1].hash);
      return this.acknowledged(located);
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
    // $all interleaves EventStoreDB's own events (and other deployments') with ours: page until `limit` of ours or the end.
    while (found.length < limit) {
      const page = limit - found.length + 1; // +1: the read includes the event at `from` itself
      let read = 0;
      let last = from;
      try {
        for await (const resolved of this.client.readAll({ fromPosition: resumeFrom(from), maxCount: page, direction: FORWARDS })) {
          read++;
          const event = eventOf(resolved);
          if (!event?.position) continue;
          const position = toPortPosition(event.position);
          if (position <= from) continue;
          last = position;
          if (this.namespace.owns(event) && found.length < limit) found.push(this.namespace.recorded(event));
        }
      } catch (error) {
        throw readAllError(error, from);
      }
      if (read < page || last === from) break;
      from = last;
    }
    return found;
  }

  /** The stored head (./esdb-head.ts): one read of one event, whatever else the server holds. */
  async headPosition(): Promise<number> {
    this.assertOpen('read');
    return this.head.read();
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
      verify: (after) => this.verifyResumePoint(after),
      namespace: this.namespace,
      head: () => this.headPosition(),
      handler,
      onError,
      onFinished: (s) => this.subscriptions.delete(s),
      // The processes pass their logger (libs/application's stores.ts); a bare use still says it, as a Node warning.
      log: this.options.log ?? ((line) => process.emitWarning(line)),
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

  /** An append's result, once the stored head covers it: only then may it be acknowledged. */
  private async acknowledged(result: AppendResult): Promise<AppendResult> {
    await this.head.advance(result.position);
    return result;
  }

  /**
   * A subscription resumes only from a position the server handed out for one of this namespace's
   * events: anything else (a checkpoint carried over from SQLite, a number inside a record) would
   * make the server fail the read, or worse, resume in the wrong place. One read of one event.
   */
  private async verifyResumePoint(after: number): Promise<void> {
    if (after === 0) return;
    let first: ReturnType<typeof eventOf>;
    try {
      for await (const resolved of this.client.readAll({ fromPosition: resumeFrom(after), maxCount: 1, direction: FORWARDS })) {
        first = eventOf(resolved);
        break;
      }
    } catch (error) {
      throw readAllError(error, after);
    }
    if (!first?.position || portPositionOrUndefined(first.position) !== after || !this.namespace.owns(first)) throw notAPosition(after);
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

  /**
   * The event an append at its expectation follows (-1 and '' for none), or, for a retry at 'any'
   * whose ids are already at the stream's end, the result the first append had.
   */
  private async previousOf(request: QueuedAppend): Promise<{ revision: number; hash: string } | { earlier: AppendResult }> {
    const { stream, expected } = request;
    if (expected === 'no_stream') return { revision: -1, hash: GENESIS };
    if (expected !== 'any') {
      const known = this.lastHashes.at(stream, expected);
      if (known !== undefined) return { revision: expected, hash: known };
      const [event] = await this.readEvents(stream, { fromRevision: BigInt(expected), maxCount: 1 });
      // No such event: the server refuses the append on its expectation, whatever it chains to.
      return { revision: expected, hash: event?.revision === expected ? (event.hash ?? GENESIS) : GENESIS };
    }
    const tail = await this.tailOf(stream, request.events.length + RETRY_WINDOW);
    const earlier = earlierResult(request, request.events.map((e) => tail.get(e.id)));
    if (earlier) return { earlier };
    const last = [...tail.values()].reduce<RecordedEvent | undefined>((a, e) => (!a || e.revision > a.revision ? (e as RecordedEvent) : a), undefined);
    return last ? { revision: last.revision, hash: last.hash ?? GENESIS } : { revision: -1, hash: GENESIS };
  }

  private async checkOnly(stream: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readEvents(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
    if (!satisfies(expected, last?.revision)) {
      throw new WrongExpectedRevision(stream, describeRevision(expected), describeRevision(last?.revision));
    }
    return { revision: last?.revision ?? -1, position: last?.position ?? 0 };
  }

  /**
   * The original result when this append is a retry of one already in the stream (see earlierResult),
   * found in bounded reads: the revisions its expectation would have given it, and the stream's last
   * events. An id used further back than RETRY_WINDOW is not found, and the append stays refused as
   * a WrongExpectedRevision (a Conflict too) instead of being named a reuse.
   */
  private async earlierAppend(request: QueuedAppend): Promise<AppendResult | undefined> {
    const n = request.events.length;
    const found = await this.tailOf(request.stream, n + RETRY_WINDOW);
    if (request.expected !== 'any') {
      const first = request.expected === 'no_stream' ? 0 : request.expected + 1;
      for (const e of await this.readEvents(request.stream, { fromRevision: BigInt(first), direction: FORWARDS, maxCount: n })) found.set(e.id, e);
    }
    return earlierResult(request, request.events.map((e) => found.get(e.id)));
  }

  /** The stream's last `count` events by id. */
  private async tailOf(stream: string, count: number): Promise<Map<string, StoredAt & RecordedEvent>> {
    const events = await this.readEvents(stream, { fromRevision: END, direction: BACKWARDS, maxCount: count });
    return new Map(events.map((e) => [e.id, e]));
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
