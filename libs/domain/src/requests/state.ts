/**
 * A request folded from its events: where it stands and what it waits on. `evolve` never changes
 * the state it is given.
 */
import { assertNever } from '../decider';
import type { RequestEvent, RequestOutcome } from './events';

export type RequestStatus = 'received' | 'dispatched' | 'accepted' | 'resolved' | 'closed' | 'returned' | 'escalated' | 'withdrawn';

export type FiledRequest = {
  exists: true;
  requestId: string;
  creditCode: string;
  category: string;
  status: RequestStatus;
  round: number;
  /** The agency it is dispatched to now (kept once resolved, escalated or closed); null at the centre. */
  agencyId: string | null;
  /** Every agency it was ever dispatched to: they may still read it. */
  agencies: ReadonlySet<string>;
  dispatchDue: string | null;
  acceptDue: string | null;
  resolveDue: string | null;
  rateDue: string | null;
  /** Working days asked and not decided yet. */
  extensionAsked: number | null;
  extensionGranted: number;
  /** `deadline@due` of the deadlines recorded as missed. */
  missed: ReadonlySet<string>;
  outcome: RequestOutcome | null;
};
export type RequestState = { exists: false } | FiledRequest;

export const missedRequestKey = (deadline: string, due: string) => `${deadline}@${due}`;

export const initialRequestState = (): RequestState => ({ exists: false });

export function evolveRequest(state: RequestState, event: RequestEvent): RequestState {
  if (event.type === 'RequestReceived') {
    const d = event.data;
    return {
      exists: true, requestId: d.requestId, creditCode: d.creditCode, category: d.category, status: 'received', round: 1,
      agencyId: null, agencies: new Set(), dispatchDue: d.dispatchDue, acceptDue: null, resolveDue: null, rateDue: null,
      extensionAsked: null, extensionGranted: 0, missed: new Set(), outcome: null,
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'RequestDispatched': {
      const { agencyId, acceptDue, resolveDue } = event.data;
      return { ...state, status: 'dispatched', agencyId, agencies: new Set([...state.agencies, agencyId]), acceptDue, resolveDue };
    }
    case 'RequestAccepted':
      return { ...state, status: 'accepted' };
    case 'RequestReturned':
      return { ...state, status: 'returned', agencyId: null, dispatchDue: event.data.dispatchDue, acceptDue: null, resolveDue: null };
    case 'RequestExtensionAsked':
      return { ...state, extensionAsked: event.data.workingDays };
    case 'RequestExtensionDecided':
      return {
        ...state, extensionAsked: null, resolveDue: event.data.resolveDue,
        extensionGranted: state.extensionGranted + (event.data.granted ? event.data.workingDays : 0),
      };
    case 'RequestResolved':
      return { ...state, status: 'resolved', extensionAsked: null, rateDue: event.data.rateDue };
    case 'ResolutionRated':
      return { ...state, rateDue: null };
    case 'RequestReopened':
      return { ...state, status: 'accepted', round: event.data.round, resolveDue: event.data.resolveDue };
    case 'RequestEscalated':
      return { ...state, status: 'escalated' };
    case 'RequestWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'RequestDeadlineMissed':
      return { ...state, missed: new Set([...state.missed, missedRequestKey(event.data.deadline, event.data.due)]) };
    case 'RequestClosed':
      return { ...state, status: event.data.outcome === 'withdrawn' ? 'withdrawn' : 'closed', outcome: event.data.outcome, extensionAsked: null };
    default:
      return assertNever(event);
  }
}
