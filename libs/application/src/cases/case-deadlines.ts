/**
 * The cases' part of the deadline scheduler (./deadline-scheduler.ts): the open cases folded from
 * their events (the domain's evolveCase; nothing stored), and what is due on them at a moment — a
 * missed contact or rectify deadline (RectificationDeadlineMissed, with its deterministic id), and
 * the closing of a case whose enterprise gave no follow-up within its seven days.
 */
import { randomUUID } from 'node:crypto';
import { evolveCase, followUpDue, initialCaseState, LoopActor, missedCaseDeadlines, OpenedCase, pendingCaseDeadlines, RectificationEvent } from '@survey/domain';
import type { RecordedEvent } from '@survey/event-store';
import type { CommandMeta } from '../runtime/command-meta';
import type { CaseRuntime } from './case-runtime';

/** What the scheduler follows: one kind of stream whose events record deadlines. */
export interface DeadlineSource {
  /** What an item is called in the logs (case, request). */
  readonly kind: string;
  /** Folds the event in if it is one of this source's streams. */
  fold(event: RecordedEvent): void;
  /** The open items' ids, to pass to `dueOn` one at a time. */
  openIds(): string[];
  /** Appends what is due on the item at `now` (nothing for one that closed meanwhile). */
  dueOn(id: string, now: Date, actor: LoopActor): Promise<void>;
  /** Every moment something is due on the open items. */
  dues(): string[];
}

export class CaseDeadlines implements DeadlineSource {
  readonly kind = 'case';
  /** Open cases by id, as folded from their events (a Map: ids are event ids, but never a plain object's keys). */
  private readonly open = new Map<string, OpenedCase>();

  constructor(private readonly cases: CaseRuntime) {}

  fold(event: RecordedEvent): void {
    if (!event.stream.startsWith('rectification-')) return;
    const e = event as RecordedEvent & RectificationEvent;
    const state = evolveCase(this.open.get(e.data.caseId) ?? initialCaseState(), e);
    if (state.exists && state.status !== 'closed') this.open.set(state.caseId, state);
    else this.open.delete(e.data.caseId);
  }

  openIds(): string[] {
    return [...this.open.keys()];
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

  dues(): string[] {
    return [...this.open.values()].flatMap((s) => [...pendingCaseDeadlines(s).map((d) => d.due), ...(followUpDue(s) ? [followUpDue(s)!] : [])]);
  }
}
