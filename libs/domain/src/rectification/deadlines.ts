/**
 * The deadlines of a case that have passed with their step not done, for the scheduler: the
 * contact (round 1), the round's rectification report, and the seven days to follow up. Each missed
 * working-day deadline is recorded once per deadline and round (caseDeadlineMissedEventId gives the
 * append a deterministic id as well).
 */
import { earliestDue } from '../closed-loop/earliest-due';
import type { CaseDeadline } from './events';
import { missedKey, OpenedCase } from './state';

export interface DueDeadline {
  deadline: CaseDeadline;
  round: number;
  due: string;
}

/** The deadlines of an open case whose step was not done by `due`, and which are not recorded yet. */
export function missedCaseDeadlines(state: OpenedCase, now: Date): DueDeadline[] {
  return pendingCaseDeadlines(state).filter((d) => Date.parse(d.due) <= now.getTime() && !state.missed.has(missedKey(d.deadline, d.round)));
}

/** The deadlines an open case is waiting on, met or not, recorded or not: the scheduler's next wake-ups. */
export function pendingCaseDeadlines(state: OpenedCase): DueDeadline[] {
  if (state.status === 'closed') return [];
  const pending: DueDeadline[] = [];
  if (!state.contacted) pending.push({ deadline: 'contact', round: 1, due: state.contactDue });
  if (state.status === 'open' || state.status === 'contacted') pending.push({ deadline: 'rectify', round: state.round, due: state.rectifyDue });
  return pending;
}

/** When a case waiting on a follow-up closes without one; null when it waits on none. */
export function followUpDue(state: OpenedCase): string | null {
  return state.status === 'reported' && state.followUp === null && state.report ? state.report.followUpDue : null;
}

/**
 * The earliest moment the scheduler has something to record on the case: a deadline it waits on
 * that is not recorded yet, or the close without a follow-up; null when nothing can fall due
 * before the case's next event. Whatever `missedCaseDeadlines` or `followUpDue` gives at a moment
 * falls due here by then, so the scheduler may look at a case only once this has passed.
 */
export function nextCaseDue(state: OpenedCase): string | null {
  const unrecorded = pendingCaseDeadlines(state).filter((d) => !state.missed.has(missedKey(d.deadline, d.round)));
  return earliestDue([...unrecorded.map((d) => d.due), followUpDue(state)]);
}
