/**
 * The cases' part of the deadline scheduler (./deadline-scheduler.ts): the open cases folded from
 * their events (the domain's evolveCase; nothing stored), indexed by when something next falls due
 * on them (./due-index.ts), and what is due on them at a moment — a missed contact or rectify
 * deadline (RectificationDeadlineMissed, with its deterministic id), and the closing of a case
 * whose enterprise gave no follow-up within its seven days.
 */
import { randomUUID } from 'node:crypto';
import { evolveCase, followUpDue, initialCaseState, LoopActor, missedCaseDeadlines, nextCaseDue, OpenedCase, RectificationEvent } from '@survey/domain';
import type { RecordedEvent } from '@survey/event-store';
import type { CommandMeta } from '../runtime/command-meta';
import type { CaseRuntime } from './case-runtime';
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

export class CaseDeadlines implements DeadlineSource {
  readonly kind = 'case';
  /** Open cases by id, as folded from their events (a Map: ids are event ids, but never a plain object's keys). */
  private readonly open = new Map<string, OpenedCase>();
  private readonly due = new DueIndex();

  constructor(private readonly cases: CaseRuntime) {}

  fold(event: RecordedEvent): void {
    if (!event.stream.startsWith('rectification-')) return;
    const e = event as RecordedEvent & RectificationEvent;
    const state = evolveCase(this.open.get(e.data.caseId) ?? initialCaseState(), e);
    if (state.exists && state.status !== 'closed') this.open.set(state.caseId, state);
    else this.open.delete(e.data.caseId);
    this.reschedule(e.data.caseId);
  }

  takeDue(now: Date, limit?: number): string[] {
    return this.due.takeDue(now, limit);
  }

  reschedule(caseId: string): void {
    const state = this.open.get(caseId);
    this.due.set(caseId, state ? nextCaseDue(state) : null);
  }

  /** The case as folded here may be behind its stream: the decider, on a fresh load, records only what is still due. */
  async dueOn(caseId: string, now: Date, actor: LoopActor): Promise<void> {
    const state = this.open.get(caseId);
    if (!state) return;
    const meta: CommandMeta = { actor, correlationId: randomUUID() };
    for (const missed of missedCaseDeadlines(state, now)) {
      await this.cases.execute(caseId, { type: 'MarkCaseDeadlineMissed', data: { caseId, deadline: missed.deadline, round: missed.round } }, actor, meta);
    }
    const due = followUpDue(state);
    if (due !== null && Date.parse(due) <= now.getTime()) {
      await this.cases.execute(caseId, { type: 'CloseWithoutFollowUp', data: { caseId } }, actor, meta);
    }
  }

  nextDue(): number | null {
    return this.due.next();
  }
}
