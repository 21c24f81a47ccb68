/**
 * Loads aggregates from their streams and appends what their deciders decide, retrying on a
 * concurrent write. States are cached with the revision they reflect, and only the events after
 * that revision are read on the next load, so a hot stream costs one indexed query.
 */
import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Decider, eventUpcasters, WrongExpectedRevision } from '@survey/domain';
import { EVENT_STORE, EventStore, NewEvent } from '@survey/event-store';
import { CLOCK, Clock } from './clock';
import type { CommandMeta } from './command-meta';
import { StreamSeries } from './stream-series';

/** The version of event types no upcaster has moved on yet (each type's own: eventUpcasters.currentVersion). */
export const SCHEMA_VERSION = 1;
const MAX_ATTEMPTS = 20;
const CACHE_LIMIT = 200_000;

type Evolving<E, S> = Pick<Decider<unknown, E, S, unknown>, 'initialState' | 'evolve'>;
export interface Loaded<S> {
  state: S;
  /** Revision of the stream's last event, -1 when the stream does not exist. */
  revision: number;
  /** Wall-clock ms when the store was last asked (own appends count). */
  readAt?: number;
}

@Injectable()
export class Aggregates {
  private readonly cache = new Map<string, Loaded<unknown>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The stream's state. `maxAgeMs` lets a command read an aggregate it only consults (the campaign
   * and the enterprise behind a ballot) from memory when this process read or wrote it that
   * recently: this process's own writes always show at once; another process's can show up to
   * `maxAgeMs` late, a race that exists across streams in any case since a ballot decision never
   * locks its campaign.
   */
  async load<E, S>(stream: string, decider: Evolving<E, S>, maxAgeMs = 0): Promise<Loaded<S>> {
    const cached = this.cache.get(stream) as Loaded<S> | undefined;
    const now = Date.now();
    if (cached && maxAgeMs > 0 && now - (cached.readAt ?? 0) < maxAgeMs) return cached;
    const from = cached ? cached.revision + 1 : 0;
    const recorded = await this.store.readStream(stream, from);
    if (cached && recorded.length === 0) {
      cached.readAt = now;
      return cached;
    }
    let state = cached ? cached.state : decider.initialState();
    for (const e of recorded) state = decider.evolve(state, e as unknown as E);
    const loaded = { state, revision: recorded.length ? recorded[recorded.length - 1].revision : -1, readAt: now };
    if (loaded.revision >= 0) this.remember(stream, loaded);
    return loaded;
  }

  /**
   * load → decide → append, again from a fresh load when another writer got there first.
   * Returns the events appended ([] when the command changed nothing), the state after them and
   * the stream's revision then. `context` is given the state decided on. `known`: a state the
   * caller holds from its own decisions (a batch writer such as the demo's seeder), decided on
   * instead of the first load; a wrong one costs a refused append and a fresh load, never a wrong write.
   */
  async execute<C, E extends { type: string; data: unknown }, S, Ctx>(
    stream: string,
    decider: Decider<C, E, S, Ctx>,
    command: C,
    context: (state: S) => Promise<Ctx> | Ctx,
    meta: CommandMeta,
    /** A deterministic id for an event (a missed deadline's), so that appending it again is a no-op; a fresh UUIDv7 otherwise. */
    eventId?: (event: E) => string | undefined,
    known?: Loaded<S>,
  ): Promise<{ events: E[]; state: S; revision: number }> {
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = attempt === 1 && known ? known : await this.load(stream, decider);
      const events = decider.decide(command, state, await context(state));
      if (events.length === 0) return { events, state, revision };
      try {
        await this.store.append(stream, events.map((e) => this.toNew(e, meta, eventId?.(e))), revision < 0 ? 'no_stream' : revision);
      } catch (error) {
        if (error instanceof WrongExpectedRevision && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
      const after = events.reduce(decider.evolve, state);
      this.remember(stream, { state: after, revision: revision + events.length, readAt: Date.now() });
      return { events, state: after, revision: revision + events.length };
    }
  }

  /**
   * Several commands on one stream, each decided on the state the previous left, appended
   * together in one append at the revision `known` holds (see StreamSeries): for a writer that
   * holds the stream's state and takes several steps on it in a row (the demo's seeder).
   */
  series<C, E extends { type: string; data: unknown }, S, Ctx>(stream: string, decider: Decider<C, E, S, Ctx>, known: Loaded<S>): StreamSeries<C, E, S, Ctx> {
    return new StreamSeries(stream, decider, known, {
      toNew: (event, meta) => this.toNew(event, meta),
      append: (events, expected) => this.store.append(stream, events, expected).then(() => undefined),
      remember: (loaded) => this.remember(stream, { ...loaded, readAt: Date.now() }),
    });
  }

  now(): Date {
    return this.clock.now();
  }

  private toNew(event: { type: string; data: unknown }, meta: CommandMeta, id?: string): NewEvent {
    return {
      // Time-ordered (UUIDv7), so the event-id index grows at its right edge instead of at random.
      id: id ?? uuidv7(),
      type: event.type,
      data: event.data,
      metadata: {
        schemaVersion: eventUpcasters.currentVersion(event.type),
        recordedAt: this.clock.now().toISOString(),
        actor: meta.actor,
        correlationId: meta.correlationId,
        causationId: meta.correlationId,
      },
    };
  }

  private remember(stream: string, loaded: Loaded<unknown>): void {
    const known = this.cache.get(stream);
    if (known && known.revision >= loaded.revision) return;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(stream, loaded);
  }
}
