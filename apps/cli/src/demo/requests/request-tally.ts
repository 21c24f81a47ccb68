/**
 * What the request plan leaves behind once played to its end, counted as the request report counts
 * (libs/read-models request-reports: each request once per step; on time against the deadline then
 * in force; a rating is final when it closes the request, escalates it, or was the last word before
 * a not-rated closing; a request never rated is not in the satisfaction rate), plus the steps the
 * report does not count (extensions, reopenings, withdrawals, not-rated closings). Pure: the plan's
 * waits decide every deadline (./request-plan.ts).
 */
import { DEFAULT_REQUEST_POLICY, resolveDaysFor } from '@survey/domain';
import { SATISFIED_LEVELS } from '../demo-types';
import { isNegative, PlannedRequest, RequestRating } from './request-plan';

export interface RequestTally {
  received: number;
  dispatchedOnTime: number;
  returned: number;
  accepted: number;
  resolved: number;
  resolvedOnTime: number;
  rated: number;
  satisfied: number;
  /** The satisfaction rate's denominator: requests whose rating became final. */
  ratingSettled: number;
  escalated: number;
  reopened: number;
  extensionsAsked: number;
  extensionsGranted: number;
  withdrawn: number;
  notRated: number;
}

export function tallyRequests(plan: readonly PlannedRequest[]): RequestTally {
  const t: RequestTally = {
    received: 0, dispatchedOnTime: 0, returned: 0, accepted: 0, resolved: 0, resolvedOnTime: 0, rated: 0, satisfied: 0, ratingSettled: 0,
    escalated: 0, reopened: 0, extensionsAsked: 0, extensionsGranted: 0, withdrawn: 0, notRated: 0,
  };
  const satisfied = (r: RequestRating) => SATISFIED_LEVELS.includes(r.level);
  for (const { category, behaviour: b } of plan) {
    t.received++;
    t.accepted++;
    if (b.dispatchWait <= 1) t.dispatchedOnTime++;
    if (b.returned) t.returned++;
    if (b.extension) {
      t.extensionsAsked++;
      if (b.extension.granted) t.extensionsGranted++;
    }
    if (b.resolveAfter === null) {
      t.withdrawn++;
      continue;
    }
    t.resolved++;
    const extra = b.extension?.granted ? b.extension.workingDays : 0;
    if (b.resolveAfter <= resolveDaysFor(DEFAULT_REQUEST_POLICY, category) + extra) t.resolvedOnTime++;
    if (!b.rating) {
      t.notRated++;
      continue;
    }
    t.rated++;
    if (!isNegative(b.rating.level)) {
      t.ratingSettled++;
      if (satisfied(b.rating)) t.satisfied++;
      continue;
    }
    t.reopened++;
    const last = b.second!.rating;
    // Escalated, or closed not-rated after the negative rating: final and not satisfied either way.
    t.ratingSettled++;
    if (last === null) t.notRated++;
    else if (isNegative(last.level)) t.escalated++;
    else if (satisfied(last)) t.satisfied++;
  }
  return t;
}
