/** What the request steps share: the open request for a step, and the deadline records. */
import type { WorkingDayCalendar, Deadline } from '../calendar';
import { Conflict } from '../errors';
import { authorizeRequestStep, RequestStep } from './access';
import type { RequestContext } from './commands';
import type { FiledRequest, RequestState } from './state';

/** A person's step: the request must exist for them, their role allowed, and the request not finished. */
export function openRequestFor(state: RequestState, requestId: string, { actor }: RequestContext, step: RequestStep): FiledRequest {
  const s = authorizeRequestStep(state, requestId, actor, step);
  if (s.status === 'closed' || s.status === 'withdrawn') throw new Conflict(`request ${requestId} is ${s.status === 'closed' ? `closed (${s.outcome})` : 'withdrawn'}`);
  return s;
}

/** Conflict unless the request stands in one of `statuses`, saying what it waits for instead. */
export function requireStatus(s: FiledRequest, statuses: readonly FiledRequest['status'][], what: string): void {
  if (!statuses.includes(s.status)) throw new Conflict(`request ${s.requestId} is ${s.status}: ${what}`);
}

export const stampOf = (calendar: WorkingDayCalendar, ...deadlines: Deadline[]) =>
  ({ ...calendar.stamp, calendarCovered: deadlines.every((d) => d.calendarCovered) });
