/**
 * The `request-reports` projection: the counts of the enterprises' requests (CLOSED-LOOP.md "Report
 * shapes") per day, in all, per category and per agency, so that a report over any span of days sums
 * the days in it; and the open requests with the deadlines they wait on, from which the query counts
 * `open` and `overdue` at the moment it is asked (the same rule as a request's own `overdue`: a
 * pending deadline whose recorded due has passed). Each request is folded by the domain's own
 * evolveRequest, and counted at most once per counter (per agency: once per agency), on the local
 * (Asia/Shanghai) day of the event that first brought it there: "the requests that reached that step
 * that day", whatever happened after.
 *
 * Per agency, `received` is "dispatched to it"; each agency's own steps count in its row (a returned
 * request in the returning agency's `returned`, a resolution in the resolving agency's). On time:
 * the first dispatch against the dispatch due then recorded (per agency: its first dispatch to that
 * agency); the first resolution against the resolve due then in force (moved by a granted extension).
 * The rates' denominators count the step done, or its deadline recorded missed by the scheduler.
 */
import { evolveRequest, localDayOf, isoDay, pendingRequestDeadlines } from '@survey/domain';
import type { FiledRequest, RequestEvent } from '@survey/domain';
import { defineProjection } from '../projection';
import type { DocAccess, EventHandler } from '../projection';
import {
  noRequestCounts, OpenRequestDoc, REQUEST_REPORT as R, RequestAgencyDoc, RequestCounter, RequestCounts, RequestDayDoc, RequestTallyDoc,
} from './request-report-docs';

/** The local day of a step: ISO `YYYY-MM-DD` in Asia/Shanghai. */
export const requestDayOf = (at: string) => isoDay(localDayOf(new Date(at)));

const requestEvent: EventHandler<RequestEvent> = {
  reads: (event) => [[R.requests, event.data.requestId], [R.days, requestDayOf(event.data.at)], [R.open, event.data.requestId]],
  apply: applyRequestEvent,
};

const agencyName: EventHandler<{ data: { agencyId: string; name: string } }> = {
  // apply puts the whole document: nothing to fetch first.
  reads: () => [],
  apply(event, docs) {
    const doc: RequestAgencyDoc = { agencyId: event.data.agencyId, name: event.data.name };
    docs.put(R.agencies, event.data.agencyId, doc);
  },
};

export const requestReportsProjection = defineProjection({
  name: 'request-reports',
  collections: Object.values(R),
  on: {
    AgencyRegistered: agencyName,
    AgencyRenamed: agencyName,
    RequestReceived: requestEvent,
    RequestDispatched: requestEvent,
    RequestAccepted: requestEvent,
    RequestReturned: requestEvent,
    RequestExtensionAsked: requestEvent,
    RequestExtensionDecided: requestEvent,
    RequestResolved: requestEvent,
    ResolutionRated: requestEvent,
    RequestReopened: requestEvent,
    RequestEscalated: requestEvent,
    RequestWithdrawn: requestEvent,
    RequestDeadlineMissed: requestEvent,
    RequestClosed: requestEvent,
  },
});

/** A counter a step may bring the request into: as a whole (agencyId null), or in one agency's row. */
type Step = { agencyId: string | null; counter: RequestCounter; when: boolean };

function applyRequestEvent(event: RequestEvent, docs: DocAccess): void {
  const { requestId } = event.data;
  const tally = docs.get<RequestTallyDoc>(R.requests, requestId);
  // A step of a request this projection never saw received has nothing to count against; a second receipt cannot be appended (no_stream).
  if (!tally && event.type !== 'RequestReceived') return;
  if (tally && event.type === 'RequestReceived') return;
  const before = tally ? revive(tally.state) : undefined;
  const after = evolveRequest(before ?? { exists: false }, event);
  if (!after.exists) return;

  const dayId = requestDayOf(event.data.at);
  const day = docs.get<RequestDayDoc>(R.days, dayId) ?? { day: dayId, total: noRequestCounts(), categories: [], agencies: [] };
  const counted = new Set(tally?.counted ?? []);
  const byAgency = new Map((tally?.byAgency ?? []).map((a) => [a.agencyId, new Set(a.counted)]));
  const seenBy = (agencyId: string | null) => {
    if (agencyId === null) return counted;
    let set = byAgency.get(agencyId);
    if (!set) byAgency.set(agencyId, (set = new Set()));
    return set;
  };
  // Judged against what was counted before this event: "first" means first.
  const steps = stepsOf(event, before, (agencyId, counter) => seenBy(agencyId).has(counter));
  let counts = 0;
  for (const { agencyId, counter, when } of steps) {
    const seen = seenBy(agencyId);
    if (!when || seen.has(counter)) continue;
    seen.add(counter);
    counts += 1;
    if (agencyId === null) {
      day.total[counter] += 1;
      const { category } = after;
      countsIn(day.categories, (r) => r.category === category, () => ({ category, counts: noRequestCounts() }))[counter] += 1;
    } else {
      countsIn(day.agencies, (r) => r.agencyId === agencyId, () => ({ agencyId, counts: noRequestCounts() }))[counter] += 1;
    }
  }
  // A day with nothing counted has no document: a request's later steps (a second rating, a repeated miss) create none.
  if (counts > 0) docs.put(R.days, dayId, day);

  const receivedDay = tally?.receivedDay ?? dayId;
  const stored: RequestTallyDoc = {
    state: { ...after, agencies: [...after.agencies], missed: [...after.missed] },
    receivedDay,
    counted: [...counted],
    byAgency: [...byAgency].map(([agencyId, set]) => ({ agencyId, counted: [...set] })),
  };
  docs.put(R.requests, requestId, stored);
  if (after.status === 'closed' || after.status === 'withdrawn') {
    docs.delete(R.open, requestId);
  } else {
    const dues = pendingRequestDeadlines(after).map(({ due, agencyId }) => ({ due, agencyId }));
    const open: OpenRequestDoc = { requestId, category: after.category, receivedDay, agencyId: after.agencyId, dues };
    docs.put(R.open, requestId, open);
  }
}

function revive(state: RequestTallyDoc['state']): FiledRequest {
  return { ...state, agencies: new Set(state.agencies), missed: new Set(state.missed) };
}

/** The counts of one category or agency on that day (the row `matches`), added to the list when it has none yet. */
function countsIn<Row extends { counts: RequestCounts }>(rows: Row[], matches: (row: Row) => boolean, added: () => Row): RequestCounts {
  let row = rows.find(matches);
  if (!row) rows.push((row = added()));
  return row.counts;
}

/** The counters a step may bring its request into (each counts once per scope, so repeating one is harmless). */
function stepsOf(event: RequestEvent, before: FiledRequest | undefined, seen: (agencyId: string | null, counter: RequestCounter) => boolean): Step[] {
  const onTime = (at: string, due: string | null) => due !== null && Date.parse(at) <= Date.parse(due);
  const whole = (counter: RequestCounter, when = true): Step => ({ agencyId: null, counter, when });
  const of = (agencyId: string, counter: RequestCounter, when = true): Step => ({ agencyId, counter, when });
  const both = (agencyId: string, counter: RequestCounter): Step[] => [whole(counter), of(agencyId, counter)];
  /** The rating became final: judged satisfied or not, once (in the agency's row too, when it had one). */
  const ratingFinal = (agencyId: string | null, satisfied: boolean): Step[] => [
    whole('satisfied', satisfied && !seen(null, 'ratingSettled')), whole('ratingSettled'),
    ...(agencyId === null ? [] : [of(agencyId, 'satisfied', satisfied && !seen(agencyId, 'ratingSettled')), of(agencyId, 'ratingSettled')]),
  ];
  switch (event.type) {
    case 'RequestReceived':
      return [whole('received')];
    case 'RequestDispatched': {
      const { agencyId, at } = event.data;
      const due = before?.dispatchDue ?? null;
      return [
        whole('dispatchedOnTime', !seen(null, 'dispatchSettled') && onTime(at, due)), whole('dispatched'), whole('dispatchSettled'),
        of(agencyId, 'dispatchedOnTime', !seen(agencyId, 'dispatchSettled') && onTime(at, due)), of(agencyId, 'received'), of(agencyId, 'dispatched'),
        of(agencyId, 'dispatchSettled'),
      ];
    }
    case 'RequestAccepted':
      return both(event.data.agencyId, 'accepted');
    case 'RequestReturned':
      return both(event.data.agencyId, 'returned');
    case 'RequestResolved': {
      const { agencyId, at } = event.data;
      const due = before?.resolveDue ?? null;
      return [
        whole('resolvedOnTime', !seen(null, 'resolveSettled') && onTime(at, due)), whole('resolved'), whole('resolveSettled'),
        of(agencyId, 'resolvedOnTime', !seen(agencyId, 'resolveSettled') && onTime(at, due)), of(agencyId, 'resolved'), of(agencyId, 'resolveSettled'),
      ];
    }
    case 'ResolutionRated':
      return both(event.data.agencyId, 'rated');
    case 'RequestEscalated':
      return [...both(event.data.agencyId, 'escalated'), ...ratingFinal(event.data.agencyId, false)];
    case 'RequestClosed': {
      const agencyId = before?.agencyId ?? null;
      const { outcome } = event.data;
      // The domain judged the level on its scale: `satisfied` or `rated` (neither satisfied nor negative). Not rated after a negative
      // rating: that rating is the last word; not rated at all: counted apart, never satisfied.
      if (outcome === 'satisfied' || outcome === 'rated') return ratingFinal(agencyId, outcome === 'satisfied');
      if (outcome === 'not-rated' && seen(null, 'rated')) return ratingFinal(agencyId, false);
      return [];
    }
    case 'RequestDeadlineMissed': {
      const { deadline, agencyId } = event.data;
      if (deadline === 'dispatch') return [whole('dispatchSettled')];
      if (deadline === 'resolve' && agencyId !== null) return [whole('resolveSettled'), of(agencyId, 'resolveSettled')];
      return [];
    }
    default:
      return [];
  }
}
