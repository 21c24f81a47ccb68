/**
 * Steps taken in a row on one stream whose state the caller holds (Aggregates.series): each
 * command is decided on the state the steps before it left, with its own context, clock and meta
 * (each event is recorded as its own command would record it), and the events of all of them
 * go in ONE append at the revision the series started from. So the series shares a group commit
 * with everything else queued meanwhile instead of waiting for a commit per step, and it is
 * all or nothing: if another writer moved the stream, the expected revision refuses every step
 * (WrongExpectedRevision), none is written, and the caller starts again from a fresh load.
 */
import type { Decider } from '@survey/domain';
import type { ExpectedRevision, NewEvent } from '@survey/event-store';
import type { Loaded } from './aggregates';
import type { CommandMeta } from './command-meta';

export interface SeriesStore<E, S> {
  toNew(event: E, meta: CommandMeta): NewEvent;
  append(events: NewEvent[], expected: ExpectedRevision): Promise<void>;
  remember(loaded: Loaded<S>): void;
}

export class StreamSeries<C, E extends { type: string; data: unknown }, S, Ctx> {
  private readonly start: number;
  private state: S;
  private readonly pending: NewEvent[] = [];
  private appending: Promise<void> | undefined;

  constructor(private readonly stream: string, private readonly decider: Decider<C, E, S, Ctx>, known: Loaded<S>, private readonly store: SeriesStore<E, S>) {
    this.start = known.revision;
    this.state = known.state;
  }

  /** The stream as the steps so far leave it. */
  get known(): Loaded<S> {
    return { state: this.state, revision: this.start + this.pending.length };
  }

  /** Decides `command` on the state the steps so far left; its events join the series' append. Throws what the decider throws. */
  async decide(command: C, context: (state: S) => Promise<Ctx> | Ctx, meta: CommandMeta): Promise<{ events: E[]; state: S; revision: number }> {
    if (this.appending) throw new Error(`series on ${this.stream}: a step after its append`);
    const events = this.decider.decide(command, this.state, await context(this.state));
    for (const event of events) {
      this.pending.push(this.store.toNew(event, meta));
      this.state = this.decider.evolve(this.state, event);
    }
    return { events, ...this.known };
  }

  /** Appends every step's events at once; resolves when they are durable. Nothing to append: resolves at once. */
  append(): Promise<void> {
    this.appending ??= this.pending.length === 0
      ? Promise.resolve()
      : this.store.append(this.pending, this.start < 0 ? 'no_stream' : this.start).then(() => this.store.remember(this.known));
    return this.appending;
  }
}
