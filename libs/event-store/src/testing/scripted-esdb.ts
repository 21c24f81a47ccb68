/**
 * A scripted EventStoreDB: the part of @eventstore/db-client's EventStoreDBClient that the adapter
 * uses, answering in memory as the server documents it, so that the adapter's rules are tested
 * here (no server can run where the tests run). What it follows, and where from:
 * - $all positions are byte offsets of records: an event's commit = prepare position, gaps between
 *   events; reading from a number inside a record fails as the server's InvalidPosition does
 *   (gRPC INVALID_ARGUMENT "Trying to read from an invalid position.", which the client turns into
 *   an UnknownError with code 3). A forward read includes the event at its start; a backward read
 *   from a position gives the events before it.
 * - An append over MaxAppendSize (1,048,576 by default) counts data + metadata + 2 × type length
 *   per event (Event.SizeOnDisk) and fails with MaxAppendSizeExceededError.
 * - Expected revision: a mismatch is WrongExpectedVersionError, unless the events right after the
 *   expected revision carry the same ids (the server's idempotent write, reported with no real
 *   position: -1 as an unsigned 64-bit number). At the current revision the server writes without
 *   looking at ids; `any` is checked against the stream's last events.
 * - Reading a stream that does not exist throws StreamNotFoundError; reads are counted per method.
 * It is a fake of the client's interface, not of the server's internals: scavenging, clusters,
 * leader elections and ACLs are not modelled.
 */
import {
  ANY, BACKWARDS, END, MaxAppendSizeExceededError, NO_STREAM, START, StreamNotFoundError, UnknownError, WrongExpectedVersionError,
} from '@eventstore/db-client';
import type {
  AppendExpectedRevision, AppendResult, Filter, Position, ReadAllOptions, ReadPosition, ReadStreamOptions, ResolvedEvent, StreamMetadata,
} from '@eventstore/db-client';
import type { EsdbClient } from '../esdb/esdb-client';
import { GRPC } from '../esdb/esdb-errors';
import type { CatchUpStream } from '../esdb/esdb-subscription';

interface Stored {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  position: Position;
}

interface Proposed {
  id: string;
  type: string;
  data: unknown;
  metadata?: unknown;
}

const NO_POSITION = 2n ** 64n - 1n;
const RECORD_OVERHEAD = 100n;

export function invalidPositionError(): UnknownError {
  const raw = { code: GRPC.INVALID_ARGUMENT, message: '3 INVALID_ARGUMENT: Trying to read from an invalid position.', details: 'Trying to read from an invalid position.' };
  return new UnknownError(raw as unknown as ConstructorParameters<typeof UnknownError>[0]);
}

export class ScriptedEsdb implements EsdbClient {
  readonly log: Stored[] = [];
  readonly calls = { appendToStream: 0, readStream: 0, readAll: 0, subscribeToAll: 0, setStreamMetadata: 0 };
  /** Events handed out by readAll and readStream together. */
  eventsRead = 0;
  readonly streamMetadata = new Map<string, unknown>();
  maxAppendSize = 1_048_576;
  private nextPosition = 1000n;
  private readonly streams = new Map<string, Stored[]>();
  private readonly listeners = new Set<() => void>();

  async appendToStream(streamName: string, events: Proposed | Proposed[], options: { expectedRevision?: AppendExpectedRevision } = {}): Promise<AppendResult> {
    this.calls.appendToStream++;
    const proposed = (Array.isArray(events) ? events : [events]).map((e) => ({
      ...e, data: JSON.stringify(e.data), metadata: e.metadata === undefined ? '' : JSON.stringify(e.metadata),
    }));
    const size = proposed.reduce((n, e) => n + Buffer.byteLength(e.data) + Buffer.byteLength(e.metadata) + 2 * e.type.length, 0);
    if (size > this.maxAppendSize) throw MaxAppendSizeExceededError.fromMaxAppendSize(this.maxAppendSize);
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length - 1;
    const expected = options.expectedRevision ?? ANY;
    const ids = proposed.map((e) => e.id);
    const sameIdsFrom = (first: number) => ids.every((id, i) => stream[first + i]?.id === id);
    if (expected === ANY) {
      if (stream.length >= ids.length && sameIdsFrom(stream.length - ids.length)) return this.idempotent(stream[stream.length - 1]);
    } else if (expected !== (current < 0 ? NO_STREAM : BigInt(current))) {
      const first = expected === NO_STREAM ? 0 : Number(expected) + 1;
      if (typeof expected !== 'string' || expected === NO_STREAM) {
        if (sameIdsFrom(first)) return this.idempotent(stream[first + ids.length - 1]);
      }
      throw new WrongExpectedVersionError(undefined, { streamName, expected, current: current < 0 ? NO_STREAM : BigInt(current) });
    }
    const written = proposed.map((e, i): Stored => {
      const position = this.nextPosition;
      this.nextPosition += RECORD_OVERHEAD + BigInt(Buffer.byteLength(e.data) + Buffer.byteLength(e.metadata));
      return { streamId: streamName, id: e.id, revision: BigInt(current + 1 + i), type: e.type, data: e.data, metadata: e.metadata, position: { commit: position, prepare: position } };
    });
    this.streams.set(streamName, [...stream, ...written]);
    this.log.push(...written);
    this.listeners.forEach((l) => l());
    const [first, last] = [written[0], written[written.length - 1]];
    // A multi-event write reports its span, not its last event's own position.
    return { success: true, nextExpectedRevision: last.revision, position: { commit: last.position.commit, prepare: first.position.prepare } };
  }

  async *readStream(streamName: string, options: ReadStreamOptions = {}): AsyncGenerator<ResolvedEvent> {
    this.calls.readStream++;
    const stream = this.streams.get(streamName);
    if (!stream) throw new StreamNotFoundError(undefined, streamName);
    const backwards = options.direction === BACKWARDS;
    const from = options.fromRevision ?? (backwards ? END : START);
    let events = backwards ? [...stream].reverse() : stream;
    if (from !== START && from !== END) events = events.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
    yield* this.hand(events, options.maxCount);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<ResolvedEvent> {
    this.calls.readAll++;
    const backwards = options.direction === BACKWARDS;
    const from = options.fromPosition ?? (backwards ? END : START);
    this.assertValid(from);
    let events = backwards ? [...this.log].reverse() : this.log;
    if (from !== START && from !== END) events = events.filter((e) => (backwards ? e.position.prepare < from.prepare : e.position.prepare >= from.prepare));
    yield* this.hand(events, options.maxCount);
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter } = {}): CatchUpStream {
    this.calls.subscribeToAll++;
    return new ScriptedSubscription(this, options.fromPosition ?? START, options.filter);
  }

  async setStreamMetadata(streamName: string, metadata: StreamMetadata): Promise<unknown> {
    this.calls.setStreamMetadata++;
    this.streamMetadata.set(streamName, metadata);
    return { success: true };
  }

  async dispose(): Promise<void> {
    this.listeners.clear();
  }

  /** Appends events of another namespace or deployment, as a busy shared server has. */
  async foreign(count: number, stream = (i: number) => `other-app.ballot-${i % 500}`): Promise<void> {
    for (let i = 0; i < count; i++) {
      await this.appendToStream(stream(i), { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, type: 'Foreign', data: { i } });
    }
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  assertValid(from: ReadPosition): void {
    if (from === START || from === END) return;
    const known = from.prepare === this.nextPosition || this.log.some((e) => e.position.prepare === from.prepare);
    if (!known || from.commit !== from.prepare) throw invalidPositionError();
  }

  private *hand(events: Stored[], maxCount?: number | bigint): Generator<ResolvedEvent> {
    const limit = maxCount === undefined ? Infinity : Number(maxCount);
    let n = 0;
    for (const e of events) {
      if (n++ >= limit) return;
      this.eventsRead++;
      yield resolved(e);
    }
  }

  private idempotent(last: Stored): AppendResult {
    return { success: true, nextExpectedRevision: last.revision, position: { commit: NO_POSITION, prepare: NO_POSITION } };
  }
}

function resolved(e: Stored): ResolvedEvent {
  const parse = (text: string) => (text === '' ? new Uint8Array() : JSON.parse(text));
  return {
    event: { streamId: e.streamId, id: e.id, revision: e.revision, type: e.type, data: parse(e.data), metadata: parse(e.metadata), isJson: true, created: 0, position: e.position },
  } as unknown as ResolvedEvent;
}

/** A catch-up subscription: what the server filter lets through from the start position, then live appends. */
class ScriptedSubscription implements CatchUpStream {
  private readonly caughtUpListeners: (() => void)[] = [];
  private closed = false;
  private wake: (() => void) | undefined;
  private readonly detach: () => void;

  constructor(private readonly server: ScriptedEsdb, private readonly from: ReadPosition, private readonly filter?: Filter) {
    this.detach = server.onAppend(() => this.wake?.());
  }

  on(_: 'caughtUp', listener: () => void): this {
    this.caughtUpListeners.push(listener);
    return this;
  }

  async unsubscribe(): Promise<void> {
    this.closed = true;
    this.detach();
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ResolvedEvent> {
    await Promise.resolve();
    this.server.assertValid(this.from);
    const from = this.from;
    let index = from === START ? 0 : from === END ? this.server.log.length : this.server.log.findIndex((e) => e.position.prepare >= from.prepare);
    if (index < 0) index = this.server.log.length;
    let announced = false;
    while (!this.closed) {
      if (index < this.server.log.length) {
        const e = this.server.log[index++];
        if (this.passes(e)) yield resolved(e);
        continue;
      }
      if (!announced) {
        announced = true;
        this.caughtUpListeners.forEach((l) => l());
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  private passes(e: Stored): boolean {
    if (!this.filter) return true;
    const value = this.filter.filterOn === 'streamName' ? e.streamId : e.type;
    if ('prefixes' in this.filter) return this.filter.prefixes.some((p) => value.startsWith(p));
    return new RegExp(this.filter.regex).test(value);
  }
}
