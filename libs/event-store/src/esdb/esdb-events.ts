/**
 * Pure translations between the port's shapes and @eventstore/db-client's: events read back,
 * expected revisions, and which events of $all are EventStoreDB's own (never handed to the app).
 */
import { ANY, NO_STREAM } from '@eventstore/db-client';
import type { AppendExpectedRevision, CurrentRevision, Position, ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, ExpectedRevision, RecordedEvent } from '../event-store.port';
import { splitChain } from './esdb-chain';
import { HEAD_STREAM } from './esdb-head';
import { toPortPosition } from './position';

/** The fields of a client event this adapter reads; stream and $all reads both provide them. */
export interface ClientEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

export function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}

/** The domain error's `actual`: 'no_stream' or the revision as a string, like the SQLite adapter's. */
export function describeCurrent(actual: CurrentRevision): string {
  return actual === NO_STREAM ? 'no_stream' : String(actual);
}

/**
 * Server-side streams ($stats-…, $scavenges, projection output) and system event types ($metadata,
 * link events `$>`) are EventStoreDB's bookkeeping, not survey events.
 */
export function isSystemEvent(event: Pick<ClientEvent, 'streamId' | 'type'>): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/** The recorded event of a resolved one; undefined for a link whose target is gone (not ours anyway). */
export function eventOf(resolved: ResolvedEvent): ClientEvent | undefined {
  return resolved.event as ClientEvent | undefined;
}

/**
 * Several deployments (or test runs) can share one EventStoreDB: each prefixes its stream names with
 * `<namespace>.` and sees only its own streams. The port never sees the prefix; without a namespace
 * the names are stored exactly as DESIGN.md's catalog gives them.
 */
export class StreamNamespace {
  private readonly prefix: string;

  constructor(namespace?: string) {
    if (namespace !== undefined && !/^[a-z0-9_-]{1,40}$/.test(namespace)) {
      throw new RangeError(`namespace must be 1-40 characters of a-z, 0-9, _ or -, got ${JSON.stringify(namespace)}`);
    }
    this.prefix = namespace ? `${namespace}.` : '';
  }

  /** The prefixes a server-side subscription filter needs, or undefined to exclude system events only. */
  get prefixes(): string[] | undefined {
    return this.prefix ? [this.prefix] : undefined;
  }

  stored(stream: string): string {
    return this.prefix + stream;
  }

  /** The namespace's own log-head marker stream (./esdb-head.ts). */
  get headStream(): string {
    return this.prefix + HEAD_STREAM;
  }

  /** Whether an event of $all is one of this namespace's survey events (its head markers are not). */
  owns(event: Pick<ClientEvent, 'streamId' | 'type'>): boolean {
    return !isSystemEvent(event) && event.streamId.startsWith(this.prefix) && event.streamId !== this.headStream;
  }

  recorded(event: ClientEvent): RecordedEvent {
    const recorded = toRecorded(event);
    if (this.prefix) recorded.stream = recorded.stream.slice(this.prefix.length);
    return recorded;
  }
}

export function toRecorded(event: ClientEvent): RecordedEvent {
  if (!event.position) {
    // Stream reads carry positions only from EventStoreDB 22.6 on; the port needs them everywhere.
    throw new Error(`event ${event.id} has no position: EventStoreDB 22.6 or later is required`);
  }
  return {
    id: event.id,
    stream: event.streamId,
    revision: Number(event.revision),
    position: toPortPosition(event.position),
    type: event.type,
    data: event.data,
    ...splitChain(toMetadata(event.metadata, event.id)),
  };
}

/**
 * The client parses JSON metadata and hands back raw bytes when parsing fails; bytes that are JSON
 * after all (written by another client as octet-stream) are parsed here. Anything that is not an
 * object is refused loudly: a projection must not fold an event with no actor or recordedAt.
 */
export function toMetadata(metadata: unknown, id: string): EventMetadata {
  let value = metadata;
  if (value instanceof Uint8Array) {
    try {
      value = JSON.parse(Buffer.from(value).toString('utf8'));
    } catch {
      throw new TypeError(`event ${id}: metadata is not JSON`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`event ${id}: metadata is not a JSON object`);
  }
  return value as EventMetadata;
}
