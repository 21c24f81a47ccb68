/**
 * The EventStore port: the only way the application reads or writes the event log.
 * Adapters: SqliteEventStore (embedded default) and, later, EsdbEventStore (EventStoreDB).
 * Every adapter must pass the contract suite in ./testing/event-store.contract.ts.
 */
import type { StorageStatus } from './store-unavailable';

export const EVENT_STORE = Symbol('EventStore');

export interface Actor {
  role: 'enterprise' | 'analyst' | 'auditor' | 'admin' | 'centre' | 'system';
  sub: string;
}

export interface EventMetadata {
  schemaVersion: number;
  /** Server clock at the time of the command, ISO 8601. */
  recordedAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string;
}

export interface NewEvent {
  /** UUID; appending the same ids again at the same expected revision is an idempotent no-op. */
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

export interface RecordedEvent {
  id: string;
  stream: string;
  /** 0-based index of the event in its stream. */
  revision: number;
  /** Global, strictly increasing position in the whole log (> 0). */
  position: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  /**
   * The event's tamper-evidence hash, chained to the previous event of its stream over the stored
   * bytes (./chain/event-hash.ts); what seals fold into their rolling hash.
   */
  hash?: string;
}

/**
 * `no_stream`: the stream must not exist yet; `any`: no check; a number: the revision of the
 * stream's last event must be exactly this.
 */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  revision: number;
  /** Global position of the last appended event. */
  position: number;
}

export interface ReadAllOptions {
  /**
   * Also hand out each event's chain hash. Only the sealer needs them, and reading the column
   * costs the rebuild's hot loop measurably, so projections leave it off.
   */
  hashes?: boolean;
}

export interface SubscriptionOptions extends ReadAllOptions {
  /** Deliver events with a position strictly greater than this (0 = from the start). */
  after: number;
  /** Largest batch handed to the handler at once. */
  batchSize?: number;
}

export interface Subscription {
  /** Stops after the batch in hand is handled; resolves when the handler is no longer running. */
  stop(): Promise<void>;
  /** Resolves once the subscription has delivered everything up to the log's head at call time. */
  caughtUp(): Promise<void>;
}

export interface EventStore {
  /**
   * What a difference of two positions counts: events on SQLite (row ids), bytes on EventStoreDB
   * (offsets in its log). Lags are reported with this unit. Undefined counts as events.
   */
  readonly positionUnit?: 'events' | 'bytes';
  /**
   * Appends atomically and durably: the promise resolves only once the events are on disk.
   * Throws WrongExpectedRevision when `expected` does not hold.
   */
  append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream from `fromRevision` on, in order; [] for a stream that does not exist. */
  readStream(stream: string, fromRevision?: number): Promise<RecordedEvent[]>;
  /** Up to `limit` events with position > `after`, in global order. */
  readAll(after: number, limit: number, options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Position of the last event in the log (0 when empty). */
  headPosition(): Promise<number>;
  /**
   * Catch-up subscription to the whole log: delivers batches in order, one at a time (the next
   * batch waits for the handler's promise), then follows new appends. A handler error stops the
   * subscription and is reported through `onError`, as does a store error no retry can fix (marked
   * `unrecoverable`: see isUnrecoverable); passing ones are retried by the adapter.
   */
  subscribeToAll(
    options: SubscriptionOptions,
    handler: (events: RecordedEvent[]) => Promise<void>,
    onError?: (error: unknown) => void,
  ): Subscription;
  close(): Promise<void>;
  /**
   * Whether appends can be stored right now (false after a full disk, a read-only file or I/O
   * errors, until the adapter sees it can write again). Adapters that cannot tell leave it out.
   */
  storageStatus?(): StorageStatus;
}
