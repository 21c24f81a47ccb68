/**
 * The events of an enterprise's request (诉求, the "113" mechanism), stream `request-{requestId}`.
 * Every event carries `requestId` and `at` (the server time of the step); those about the agency
 * handling it carry its `agencyId`; who took the step is the metadata's actor. Every working-day
 * deadline a step starts is recorded in its event with the calendar it was counted on.
 */
import type { DeadlineCalendar } from '../rectification/events';

type Id = { requestId: string; at: string };
type ByAgency = Id & { agencyId: string };

/** `online` when the enterprise files it itself; the centre files from the 12345 hotline, a window, a call or online. */
export type RequestChannel = '12345' | 'window' | 'phone' | 'online';
export type RequestDeadline = 'dispatch' | 'accept' | 'resolve';
/** `rated`: closed on a rating that is neither satisfied nor negative (e.g. basically satisfied). */
export type RequestOutcome = 'satisfied' | 'rated' | 'not-rated' | 'escalated-closed' | 'withdrawn';

export type RequestReceived = {
  type: 'RequestReceived';
  data: Id & {
    creditCode: string; channel: RequestChannel; category: string; title: string; description: string;
    /** The agency the enterprise or the centre named when filing, if any; the centre still dispatches. */
    suggestedAgencyId: string | null;
    dispatchDue: string; calendar: DeadlineCalendar;
    /**
     * Filed with an `Idempotency-Key`: the hash of what was filed, so that a retry under the same key
     * is told apart from another request under it (the key itself names the stream). Absent without a key.
     */
    bodyHash?: string;
  };
};
export type RequestDispatched = {
  type: 'RequestDispatched';
  data: ByAgency & { round: number; acceptDue: string; resolveDue: string; calendar: DeadlineCalendar };
};
export type RequestAccepted = { type: 'RequestAccepted'; data: ByAgency };
/** Back to the centre, which has a new dispatch deadline. */
export type RequestReturned = { type: 'RequestReturned'; data: ByAgency & { reason: string; dispatchDue: string; calendar: DeadlineCalendar } };
export type RequestExtensionAsked = { type: 'RequestExtensionAsked'; data: ByAgency & { workingDays: number; reason: string } };
/** `resolveDue`: the deadline after the decision (moved when granted, as it was otherwise). */
export type RequestExtensionDecided = {
  type: 'RequestExtensionDecided';
  data: ByAgency & { granted: boolean; workingDays: number; resolveDue: string; calendar: DeadlineCalendar };
};
/** `rateDue`: the end of the enterprise's seven natural days to rate the answer. */
export type RequestResolved = { type: 'RequestResolved'; data: ByAgency & { round: number; reply: string; rateDue: string } };
export type ResolutionRated = { type: 'ResolutionRated'; data: ByAgency & { round: number; level: string; comment: string | null } };
/** A negative rating in round 1: back to the same agency with a new resolve deadline. */
export type RequestReopened = { type: 'RequestReopened'; data: ByAgency & { round: number; resolveDue: string; calendar: DeadlineCalendar } };
/** A negative rating in round 2: the centre takes it over. */
export type RequestEscalated = { type: 'RequestEscalated'; data: ByAgency & { round: number } };
export type RequestWithdrawn = { type: 'RequestWithdrawn'; data: Id & { reason: string | null } };
export type RequestDeadlineMissed = {
  type: 'RequestDeadlineMissed';
  /** `agencyId`: the agency the deadline was on, null for the centre's dispatch deadline. */
  data: Id & { deadline: RequestDeadline; due: string; round: number; agencyId: string | null };
};
/** `rating`: the level that closed it, null otherwise; `note`: the centre's, when it closes an escalated request. */
export type RequestClosed = { type: 'RequestClosed'; data: Id & { outcome: RequestOutcome; rating: string | null; note: string | null } };

export type RequestEvent =
  | RequestReceived | RequestDispatched | RequestAccepted | RequestReturned | RequestExtensionAsked | RequestExtensionDecided
  | RequestResolved | ResolutionRated | RequestReopened | RequestEscalated | RequestWithdrawn | RequestDeadlineMissed | RequestClosed;
