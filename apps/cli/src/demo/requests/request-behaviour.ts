/**
 * The next step of one planned request at a turn of the demo's timeline, decided from its events
 * (the log is the only record of where it stands, so a re-run or an interrupted run resumes from
 * it) and the plan's waits: the centre dispatches, decides an extension ask and closes an escalated
 * request; the agency returns, accepts, asks for time and resolves; the enterprise rates the answer
 * or withdraws. Staff act on working days only; an enterprise rates on any day. One step per
 * request per turn, each a turn after the one it answers. The scheduler's steps (missed deadlines,
 * the not-rated closing) are not here: the demo's DeadlineScheduler takes them.
 */
import { evolveRequest, FiledRequest, initialRequestState, localDayOf, RequestEvent, RequestState } from '@survey/domain';
import type { LocalDay } from '@survey/domain';
import type { PersonsRequestStep } from '@survey/application';
import type { PlannedRequest } from './request-plan';

export type RequestPerson = 'centre' | 'agency' | 'enterprise';

/** Where a request stands, and the local days of the steps the plan's waits count from. */
export interface RequestFacts {
  state: FiledRequest;
  filedDay: LocalDay;
  /** The last dispatch, and how many there were. */
  dispatchDay: LocalDay | null;
  dispatches: number;
  returnedDay: LocalDay | null;
  extensionAskedDay: LocalDay | null;
  resolvedDay: LocalDay | null;
  reopenedDay: LocalDay | null;
  escalatedDay: LocalDay | null;
}

export function requestFacts(events: readonly RequestEvent[]): RequestFacts | null {
  let state: RequestState = initialRequestState();
  const facts: Omit<RequestFacts, 'state'> = {
    filedDay: 0, dispatchDay: null, dispatches: 0, returnedDay: null, extensionAskedDay: null, resolvedDay: null, reopenedDay: null, escalatedDay: null,
  };
  for (const event of events) {
    state = evolveRequest(state, event);
    const day = localDayOf(new Date(event.data.at));
    if (event.type === 'RequestReceived') facts.filedDay = day;
    else if (event.type === 'RequestDispatched') [facts.dispatchDay, facts.dispatches] = [day, facts.dispatches + 1];
    else if (event.type === 'RequestReturned') facts.returnedDay = day;
    else if (event.type === 'RequestExtensionAsked') facts.extensionAskedDay = day;
    else if (event.type === 'RequestResolved') facts.resolvedDay = day;
    else if (event.type === 'RequestReopened') facts.reopenedDay = day;
    else if (event.type === 'RequestEscalated') facts.escalatedDay = day;
  }
  return state.exists ? { state, ...facts } : null;
}

export const isFinished = (state: FiledRequest) => state.status === 'closed' || state.status === 'withdrawn';

export interface TurnDay {
  today: LocalDay;
  workday: boolean;
  /** How many working days come after `day` up to today (today included): 0 for a step taken today. */
  workingDaysSince(day: LocalDay): number;
}

/** The step this turn, by whom; null when nobody acts on it today. */
export function nextRequestStep(planned: PlannedRequest, facts: RequestFacts, turn: TurnDay): { step: PersonsRequestStep; by: RequestPerson } | null {
  const { state: s } = facts;
  const b = planned.behaviour;
  const requestId = s.requestId;
  const staff = turn.workday;
  const since = (day: LocalDay | null) => (day === null ? -1 : turn.workingDaysSince(day));
  switch (s.status) {
    case 'received':
      return staff && since(facts.filedDay) >= b.dispatchWait ? { step: { type: 'DispatchRequest', data: { requestId, agencyId: planned.agencies[0] } }, by: 'centre' } : null;
    case 'returned':
      return staff && since(facts.returnedDay) >= 1 ? { step: { type: 'DispatchRequest', data: { requestId, agencyId: planned.agencies[1] } }, by: 'centre' } : null;
    case 'dispatched': {
      if (!staff) return null;
      const k = since(facts.dispatchDay);
      if (b.returned && facts.dispatches === 1 && k >= 1) return { step: { type: 'ReturnRequest', data: { requestId, reason: RETURN_REASON } }, by: 'agency' };
      return k >= b.acceptWait ? { step: { type: 'AcceptRequest', data: { requestId } }, by: 'agency' } : null;
    }
    case 'accepted':
      return staff ? accepted(planned, facts, since) : null;
    case 'resolved': {
      const rating = s.round === 1 ? b.rating : b.second?.rating;
      if (!rating || facts.resolvedDay === null || turn.today - facts.resolvedDay < rating.afterDays) return null;
      return { step: { type: 'RateResolution', data: { requestId, level: rating.level, comment: null } }, by: 'enterprise' };
    }
    case 'escalated':
      return staff && since(facts.escalatedDay) >= 1 ? { step: { type: 'CloseEscalatedRequest', data: { requestId, note: ESCALATED_NOTE } }, by: 'centre' } : null;
    default:
      return null;
  }
}

/** An accepted request, on a working day: withdrawn, an extension asked or decided, or the answer. */
function accepted(planned: PlannedRequest, facts: RequestFacts, since: (day: LocalDay | null) => number): { step: PersonsRequestStep; by: RequestPerson } | null {
  const { state: s } = facts;
  const b = planned.behaviour;
  const requestId = s.requestId;
  const k = since(facts.dispatchDay);
  if (b.withdrawAfter !== null) {
    return k >= b.withdrawAfter ? { step: { type: 'WithdrawRequest', data: { requestId, reason: WITHDRAW_REASON } }, by: 'enterprise' } : null;
  }
  const resolve = { step: { type: 'ResolveRequest' as const, data: { requestId, reply: REPLY } }, by: 'agency' as const };
  if (s.round > 1) return b.second && since(facts.reopenedDay) >= b.second.resolveAfter ? resolve : null;
  if (b.extension && facts.extensionAskedDay === null) {
    const { afterDays, workingDays } = b.extension;
    return k >= afterDays ? { step: { type: 'AskExtension', data: { requestId, workingDays, reason: EXTENSION_REASON } }, by: 'agency' } : null;
  }
  if (s.extensionAsked !== null) {
    return since(facts.extensionAskedDay) >= 1 ? { step: { type: 'DecideExtension', data: { requestId, granted: b.extension?.granted ?? false } }, by: 'centre' } : null;
  }
  return b.resolveAfter !== null && k >= b.resolveAfter ? resolve : null;
}

const RETURN_REASON = '该诉求不属于本单位职责范围，请中心转交相关部门办理';
const EXTENSION_REASON = '涉及多部门会商，需延长办理时限';
const REPLY = '已与企业当面沟通，按政策办理并书面答复';
const WITHDRAW_REASON = '问题已自行解决';
const ESCALATED_NOTE = '中心督办，已协调相关部门与企业当面沟通答复';
