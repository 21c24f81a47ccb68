/**
 * The deadlines a request waits on, for the scheduler: the centre's dispatch (from receipt, and again
 * after a return), the agency's accept (from the dispatch) and resolve (from the dispatch, moved by a
 * granted extension, anew in round 2). A deadline is named by its kind and its due time: one started
 * after another of its kind was missed is due later, so each is recorded once
 * (requestDeadlineMissedEventId gives the append a deterministic id).
 */
import { earliestDue } from '../closed-loop/earliest-due';
import type { RequestDeadline } from './events';
import { FiledRequest, missedRequestKey } from './state';

export interface RequestDueDeadline {
  deadline: RequestDeadline;
  due: string;
  round: number;
  agencyId: string | null;
}

export function pendingRequestDeadlines(state: FiledRequest): RequestDueDeadline[] {
  const { round, agencyId } = state;
  switch (state.status) {
    case 'received':
    case 'returned':
      return [{ deadline: 'dispatch', due: state.dispatchDue!, round, agencyId: null }];
    case 'dispatched':
      return [{ deadline: 'accept', due: state.acceptDue!, round, agencyId }, { deadline: 'resolve', due: state.resolveDue!, round, agencyId }];
    case 'accepted':
      return [{ deadline: 'resolve', due: state.resolveDue!, round, agencyId }];
    default:
      return [];
  }
}

/** The deadlines passed with their step not done, and not recorded yet. */
export function missedRequestDeadlines(state: FiledRequest, now: Date): RequestDueDeadline[] {
  return pendingRequestDeadlines(state).filter((d) => Date.parse(d.due) <= now.getTime() && !state.missed.has(missedRequestKey(d.deadline, d.due)));
}

/** When a resolved request closes `not-rated`; null when it waits on no rating. */
export const rateDue = (state: FiledRequest): string | null => (state.status === 'resolved' ? state.rateDue : null);

/**
 * The earliest moment the scheduler has something to record on the request: a deadline not
 * recorded yet, or the `not-rated` close; null when nothing can fall due before its next event.
 */
export function nextRequestDue(state: FiledRequest): string | null {
  const unrecorded = pendingRequestDeadlines(state).filter((d) => !state.missed.has(missedRequestKey(d.deadline, d.due)));
  return earliestDue([...unrecorded.map((d) => d.due), rateDue(state)]);
}
