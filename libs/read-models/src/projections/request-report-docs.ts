/**
 * The documents of the `request-report` projection (the enterprises' requests reports,
 * CLOSED-LOOP.md "Report shapes"), as the query side reads them. Counters are named fields; agency
 * ids and categories are user text, so they are values in lists (`agencyId`, `category` fields) and
 * parts of document ids, never keys of an object.
 */
import type { FiledRequest } from '@survey/domain';

export const REQUEST_REPORT = {
  /** requestId → the request as the domain folds it, its day of receipt, and the counters it is counted in (as a whole and per agency). */
  requests: 'request-report-requests',
  /** `YYYY-MM-DD` (Asia/Shanghai) → the steps first reached that day: in all, per category, per agency. */
  days: 'request-report-days',
  /** requestId → exists exactly while the request is open: where it stands and the deadlines it waits on, for `open` and `overdue` at query time. */
  open: 'request-report-open',
  /** agencyId → its name in the agency directory (AgencyRegistered, AgencyRenamed). */
  agencies: 'request-report-agencies',
} as const;

/**
 * The cumulative counters, each request at most once in each (per agency: at most once per agency).
 * The rates' denominators: `dispatchSettled` and `resolveSettled`, the step done or its deadline
 * recorded missed, whichever came first (only then is it judged on time); `ratingSettled`, the
 * request's rating become final (closed on a rating, escalated on a second negative one, or closed
 * unrated after a negative one), when `satisfied` is judged. Each numerator is counted by the same
 * event as its denominator, so no span of days has more on time (or satisfied) than judged.
 */
export const REQUEST_COUNTERS = [
  'received', 'dispatched', 'dispatchedOnTime', 'dispatchSettled', 'accepted', 'returned', 'resolved', 'resolvedOnTime', 'resolveSettled',
  'rated', 'ratingSettled', 'satisfied', 'escalated',
] as const;
export type RequestCounter = (typeof REQUEST_COUNTERS)[number];
export type RequestCounts = Record<RequestCounter, number>;

export const noRequestCounts = (): RequestCounts => ({
  received: 0, dispatched: 0, dispatchedOnTime: 0, dispatchSettled: 0, accepted: 0, returned: 0, resolved: 0, resolvedOnTime: 0, resolveSettled: 0,
  rated: 0, ratingSettled: 0, satisfied: 0, escalated: 0,
});

export interface RequestDayDoc {
  [key: string]: unknown;
  day: string;
  total: RequestCounts;
  categories: { category: string; counts: RequestCounts }[];
  agencies: { agencyId: string; counts: RequestCounts }[];
}

/** The request's domain state as stored (JSON has no Set), and what it has been counted in. */
export interface RequestTallyDoc {
  [key: string]: unknown;
  state: Omit<FiledRequest, 'agencies' | 'missed'> & { agencies: string[]; missed: string[] };
  receivedDay: string;
  counted: RequestCounter[];
  byAgency: { agencyId: string; counted: RequestCounter[] }[];
}

export interface OpenRequestDoc {
  [key: string]: unknown;
  requestId: string;
  category: string;
  receivedDay: string;
  /** The agency it is dispatched to now (also once resolved or escalated); null at the centre. */
  agencyId: string | null;
  /** The deadlines it waits on (domain pendingRequestDeadlines), each with whose it is (null: the centre's dispatch). */
  dues: { due: string; agencyId: string | null }[];
}

export interface RequestAgencyDoc {
  [key: string]: unknown;
  agencyId: string;
  name: string;
}
