/**
 * What the deadline scheduler (./deadline-scheduler.ts) follows, once for every kind of item whose
 * events record deadlines (cases: ./case-deadlines.ts; requests: ../requests/request-deadlines.ts):
 * the open items of one kind folded from their events with the domain's evolve (nothing stored, so
 * nothing to go stale), indexed by when something next falls due on each (./due-index.ts). A kind
 * says which streams are its own, how an item evolves, when it is open, when it is next due and what
 * to append when it is.
 */
import type { LoopActor } from '@survey/domain';
import type { RecordedEvent } from '@survey/event-store';
import { DueIndex } from './due-index';

/** What the scheduler follows: one kind of stream whose events record deadlines. */
export interface DeadlineSource {
  /** What an item is called in the logs (case, request). */
  readonly kind: string;
  /** Folds the event in if it is one of this source's streams, and indexes the item by when it is next due. */
  fold(event: RecordedEvent): void;
  /** The ids of the open items with something due at `now` (at most `limit`, earliest first), taken out of the index: pass each to `dueOn`, then `reschedule`. */
  takeDue(now: Date, limit?: number): string[];
  /** Appends what is due on the item at `now` (nothing for one that closed meanwhile). */
  dueOn(id: string, now: Date, actor: LoopActor): Promise<void>;
  /**
   * Indexes the item again by its state as folded here, once `dueOn` is done with it: one still
   * due (its append failed, or the events it appended are not folded yet) is taken by the next pass.
   */
  reschedule(id: string): void;
  /** The earliest moment something is due on an open item (ms since the epoch), or null. */
  nextDue(): number | null;
}

/** The open items of one kind (`State` as the domain evolves it, `Open` once it exists and until it closes): the fold, the index and the taking are the same for every kind. */
export abstract class OpenItems<State, Open extends State> implements DeadlineSource {
  abstract readonly kind: string;
  /** Its streams' names start with this. */
  protected abstract readonly streamPrefix: string;
  /** Open items by id (a Map: ids may be derived from user text, never a plain object's keys). */
  private readonly open = new Map<string, Open>();
  private readonly due = new DueIndex();

  /** The item an event of its streams is about. */
  protected abstract idOf(event: RecordedEvent): string;
  /** The item's state after the event (`state` undefined: the item's first event here). */
  protected abstract evolve(state: Open | undefined, event: RecordedEvent): State;
  protected abstract isOpen(state: State): state is Open;
  /** When something next falls due on the item (an ISO instant), or null. */
  protected abstract dueAt(state: Open): string | null;
  /** Appends what is due at `now` on the item as folded here (the decider, on a fresh load, records only what is still due). */
  protected abstract record(id: string, state: Open, now: Date, actor: LoopActor): Promise<void>;

  fold(event: RecordedEvent): void {
    if (!event.stream.startsWith(this.streamPrefix)) return;
    const id = this.idOf(event);
    const state = this.evolve(this.open.get(id), event);
    if (this.isOpen(state)) this.open.set(id, state);
    else this.open.delete(id);
    this.reschedule(id);
  }

  takeDue(now: Date, limit?: number): string[] {
    return this.due.takeDue(now, limit);
  }

  reschedule(id: string): void {
    const state = this.open.get(id);
    this.due.set(id, state === undefined ? null : this.dueAt(state));
  }

  async dueOn(id: string, now: Date, actor: LoopActor): Promise<void> {
    const state = this.open.get(id);
    if (state !== undefined) await this.record(id, state, now, actor);
  }

  nextDue(): number | null {
    return this.due.next();
  }
}
