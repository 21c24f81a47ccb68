/**
 * The cases' part of the deadline scheduler (./deadline-scheduler.ts, ./open-items.ts): the open
 * cases folded from their events (the domain's evolveCase), and what is due on one at a moment — a
 * missed contact or rectify deadline (RectificationDeadlineMissed, with its deterministic id), and
 * the closing of a case whose enterprise gave no follow-up within its seven days.
 */
import { randomUUID } from 'node:crypto';
import { CaseState, evolveCase, followUpDue, initialCaseState, LoopActor, missedCaseDeadlines, nextCaseDue, OpenedCase, RectificationEvent } from '@survey/domain';
import type { RecordedEvent } from '@survey/event-store';
import type { CommandMeta } from '../runtime/command-meta';
import type { CaseRuntime } from './case-runtime';
import { OpenItems } from './open-items';

type Case = RecordedEvent & RectificationEvent;

export class CaseDeadlines extends OpenItems<CaseState, OpenedCase> {
  readonly kind = 'case';
  protected readonly streamPrefix = 'rectification-';

  constructor(private readonly cases: CaseRuntime) {
    super();
  }

  protected idOf(event: RecordedEvent): string {
    return (event as Case).data.caseId;
  }

  protected evolve(state: OpenedCase | undefined, event: RecordedEvent): CaseState {
    return evolveCase(state ?? initialCaseState(), event as Case);
  }

  protected isOpen(state: CaseState): state is OpenedCase {
    return state.exists && state.status !== 'closed';
  }

  protected dueAt(open: OpenedCase): string | null {
    return nextCaseDue(open);
  }

  protected async record(caseId: string, open: OpenedCase, now: Date, actor: LoopActor): Promise<void> {
    const meta: CommandMeta = { actor, correlationId: randomUUID() };
    for (const missed of missedCaseDeadlines(open, now)) {
      await this.cases.execute(caseId, { type: 'MarkCaseDeadlineMissed', data: { caseId, deadline: missed.deadline, round: missed.round } }, actor, meta);
    }
    const due = followUpDue(open);
    if (due !== null && Date.parse(due) <= now.getTime()) {
      await this.cases.execute(caseId, { type: 'CloseWithoutFollowUp', data: { caseId } }, actor, meta);
    }
  }
}
