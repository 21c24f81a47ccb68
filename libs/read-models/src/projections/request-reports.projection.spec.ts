/**
 * The `request-reports` projection as a pure fold, with counts worked out by hand from the request
 * histories of ../testing/request-history.ts (acme's request of Monday 2019-12-09 10:00 Asia/Shanghai).
 */
import { caseEvents, endOf, requestEvents } from '@survey/domain/testing';
import type { ClosedLoopEvent, RequestEvent, SurveyEvent } from '@survey/domain';
import { foldAsStored, recordedLoop } from '../testing/fold-as-stored';
import { CITY_REQUESTS_COUNTS, cityRequests, onRequest, POLICE_REQUESTS_COUNTS, TAX_REQUESTS_COUNTS } from '../testing/request-history';
import type { Doc } from '../read-model-store.port';
import { noRequestCounts, OpenRequestDoc, REQUEST_REPORT as R, RequestCounts, RequestDayDoc, REQUEST_COUNTERS } from './request-report-docs';
import { requestDayOf, requestReportsProjection } from './request-reports.projection';

const { received, dispatched, accepted, returned, resolved, rated, requestClosed, requestMissed } = requestEvents;
const { local } = caseEvents;

/** A builder's event as another agency's step. */
const byAgency = (agencyId: string, event: RequestEvent) => ({ ...event, data: { ...event.data, agencyId } }) as RequestEvent;
const project = (events: (SurveyEvent | ClosedLoopEvent)[]) => foldAsStored(requestReportsProjection, recordedLoop(events));
const days = (docs: Map<string, Doc>) => [...docs].filter(([k]) => k.startsWith(`${R.days}|`)).map(([, d]) => d as RequestDayDoc);
const openRequests = (docs: Map<string, Doc>) =>
  [...docs].filter(([k]) => k.startsWith(`${R.open}|`)).map(([, d]) => d as OpenRequestDoc).sort((x, y) => x.requestId.localeCompare(y.requestId));

/** Every day's counts summed: all time. */
function summed(docs: Map<string, Doc>, pick: (day: RequestDayDoc) => RequestCounts[]): RequestCounts {
  const total = noRequestCounts();
  for (const day of days(docs)) for (const counts of pick(day)) for (const c of REQUEST_COUNTERS) total[c] += counts[c];
  return total;
}
const total = (docs: Map<string, Doc>) => summed(docs, (d) => [d.total]);
const ofAgency = (docs: Map<string, Doc>, agencyId: string) => summed(docs, (d) => d.agencies.filter((a) => a.agencyId === agencyId).map((a) => a.counts));
const ofCategory = (docs: Map<string, Doc>, category: string) => summed(docs, (d) => d.categories.filter((c) => c.category === category).map((c) => c.counts));

describe('request-reports projection', () => {
  it('counts every request once per step it ever reached, on time against the dues recorded, in all and per category', () => {
    const docs = project(cityRequests());
    expect(total(docs)).toEqual(CITY_REQUESTS_COUNTS);
    const categories = ['approval', 'consultation', 'land', 'finance', 'talent'].map((c) => ofCategory(docs, c));
    for (const c of REQUEST_COUNTERS) expect(categories.reduce((sum, counts) => sum + counts[c], 0)).toBe(CITY_REQUESTS_COUNTS[c]);
    // a, c and f: the approvals.
    expect(ofCategory(docs, 'approval')).toMatchObject({ received: 3, dispatchedOnTime: 3, resolved: 3, resolvedOnTime: 3, rated: 3, satisfied: 1, escalated: 1, returned: 1 });
    expect(ofCategory(docs, 'land')).toEqual({ ...noRequestCounts(), received: 1 }); // withdrawn: still received, nothing else
  });

  it('counts in each agency\'s row its own steps: what was dispatched to it, returned by it, resolved by it', () => {
    const docs = project(cityRequests());
    expect(ofAgency(docs, 'tax')).toEqual(TAX_REQUESTS_COUNTS);
    expect(ofAgency(docs, 'police')).toEqual(POLICE_REQUESTS_COUNTS);
  });

  it('puts each step on the local day it was first reached', () => {
    const docs = project(cityRequests());
    const on = (day: string) => days(docs).find((d) => d.day === day)?.total;
    expect(on('2019-12-09')).toEqual({ ...noRequestCounts(), received: 7 });
    // a, c (to police), e, f dispatched on time; b's dispatch deadline recorded missed at 12-11 00:00 local, so on 12-11.
    expect(on('2019-12-10')).toEqual({ ...noRequestCounts(), dispatched: 4, dispatchSettled: 4, dispatchedOnTime: 4 });
    expect(on('2019-12-11')).toMatchObject({ dispatched: 1, dispatchSettled: 1, dispatchedOnTime: 0, accepted: 3, returned: 1 });
    // c's dispatch to tax on 12-12 is its second: nothing in the whole request's counts that day, one more in tax's row.
    expect(on('2019-12-12')).toEqual(noRequestCounts());
    expect(days(docs).find((d) => d.day === '2019-12-12')?.agencies).toEqual([{ agencyId: 'tax', counts: { ...noRequestCounts(), received: 1, dispatched: 1, dispatchSettled: 1, dispatchedOnTime: 1 } }]);
    expect(on('2019-12-28')).toBeUndefined(); // b closed not-rated: counted in nothing
    expect(on('2020-01-07')).toEqual({ ...noRequestCounts(), rated: 1, ratingSettled: 1 }); // f: basically satisfied
    expect(on('2019-12-31')).toEqual({ ...noRequestCounts(), ratingSettled: 1, escalated: 1 }); // c: its second rating, final, not satisfied
    expect(requestDayOf(endOf('2019-12-10'))).toBe('2019-12-11');
    expect(requestDayOf(local('2019-12-10 23:59'))).toBe('2019-12-10');
  });

  it('keeps the open requests with where they stand and the deadlines they wait on, and forgets them once closed or withdrawn', () => {
    const docs = project(cityRequests());
    expect(openRequests(docs)).toEqual([
      { requestId: 'c', category: 'approval', receivedDay: '2019-12-09', agencyId: 'tax', dues: [] }, // escalated: the centre's now, no deadline
      { requestId: 'e', category: 'finance', receivedDay: '2019-12-09', agencyId: 'tax', dues: [{ due: endOf('2019-12-11'), agencyId: 'tax' }, { due: endOf('2019-12-31'), agencyId: 'tax' }] },
      { requestId: 'h', category: 'talent', receivedDay: '2019-12-09', agencyId: null, dues: [{ due: endOf('2019-12-10'), agencyId: null }] },
    ]);
  });

  it('waits on the new dispatch due after a return, at the centre', () => {
    const docs = project(onRequest('r', received(), dispatched('police'), returned('police')));
    expect(openRequests(docs)).toEqual([{ requestId: 'r', category: 'approval', receivedDay: '2019-12-09', agencyId: null, dues: [{ due: endOf('2019-12-12'), agencyId: null }] }]);
  });

  it('keeps agency names as the directory\'s events say', () => {
    const docs = project([
      { type: 'AgencyRegistered', data: { agencyId: 'tax', name: '市税务局', at: local('2019-12-01 10:00') } },
      { type: 'AgencyRegistered', data: { agencyId: '__proto__', name: '原型局', at: local('2019-12-01 10:00') } },
      { type: 'AgencyRenamed', data: { agencyId: 'tax', name: '国家税务总局徐州市税务局', previousName: '市税务局', at: local('2019-12-02 10:00') } },
    ]);
    expect(docs.get(`${R.agencies}|tax`)).toEqual({ agencyId: 'tax', name: '国家税务总局徐州市税务局' });
    expect(docs.get(`${R.agencies}|__proto__`)).toEqual({ agencyId: '__proto__', name: '原型局' });
  });

  it('counts ids and categories that spell Object.prototype members like any other', () => {
    const docs = project([
      ...onRequest('__proto__', received('constructor'), dispatched('__proto__'), accepted('__proto__'), byAgency('__proto__', resolved())),
      ...onRequest('constructor', received('__proto__'), dispatched('toString'), returned('toString')),
    ]);
    expect(ofCategory(docs, 'constructor')).toMatchObject({ received: 1, dispatchedOnTime: 1, accepted: 1, resolved: 1, resolvedOnTime: 1 });
    expect(ofCategory(docs, '__proto__')).toMatchObject({ received: 1, dispatchedOnTime: 1, returned: 1 });
    expect(ofAgency(docs, '__proto__')).toMatchObject({ received: 1, accepted: 1, resolved: 1, resolvedOnTime: 1 });
    expect(ofAgency(docs, 'toString')).toMatchObject({ received: 1, returned: 1 });
    expect(openRequests(docs).map((d) => d.requestId)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(docs.get(`${R.requests}|__proto__`))).toBe(Object.prototype);
  });

  it('ignores the steps of a request it never saw received, and a second receipt', () => {
    const docs = project([...onRequest('x', dispatched(), rated('satisfied'), requestClosed('satisfied', 'satisfied')), ...onRequest('y', received(), received())]);
    expect(total(docs)).toEqual({ ...noRequestCounts(), received: 1 });
    expect(openRequests(docs).map((d) => d.requestId)).toEqual(['y']);
  });

  it('judges satisfaction once the rating is final: a satisfied second round counts on its own day with its denominator', () => {
    const docs = project(onRequest('s', received(), dispatched(), accepted(), resolved(), rated('dissatisfied'), requestEvents.requestReopened(),
      resolved(2, local('2019-12-30 10:00')), rated('very_satisfied', 2, local('2020-01-02 10:00')), requestClosed('satisfied', 'very_satisfied', local('2020-01-02 10:00'))));
    const on = (day: string) => days(docs).find((d) => d.day === day)?.total;
    expect(on('2019-12-23')).toEqual({ ...noRequestCounts(), rated: 1 }); // the first rating: rated, not final
    expect(on('2020-01-02')).toEqual({ ...noRequestCounts(), ratingSettled: 1, satisfied: 1 });
    expect(total(docs)).toMatchObject({ resolved: 1, rated: 1, ratingSettled: 1, satisfied: 1 });
  });

  it('takes a negative rating left unanswered as final, and a request never rated as not rated', () => {
    const docs = project([
      ...onRequest('u', received(), dispatched(), accepted(), resolved(), rated('dissatisfied'), requestEvents.requestReopened(),
        resolved(2, local('2019-12-30 10:00'), endOf('2020-01-06')), requestClosed('not-rated', null, endOf('2020-01-06'))),
      ...onRequest('v', received(), dispatched(), accepted(), resolved(), requestClosed('not-rated', null, endOf('2019-12-27'))),
    ]);
    expect(total(docs)).toMatchObject({ resolved: 2, rated: 1, ratingSettled: 1, satisfied: 0 });
    expect(ofAgency(docs, 'tax')).toMatchObject({ rated: 1, ratingSettled: 1, satisfied: 0 });
  });

  it('never judges on time a step whose deadline was recorded missed first', () => {
    // Missed at police while dispatched (12-31), returned, dispatched to tax, resolved within tax's due: late for the request, on time for tax.
    const docs = project(onRequest('m', received(), dispatched('police'), requestMissed('resolve', endOf('2019-12-31'), 'police'),
      returned('police', local('2020-01-02 10:00'), endOf('2020-01-03')), dispatched('tax', endOf('2020-01-23'), local('2020-01-03 10:00'), endOf('2020-01-06')),
      accepted('tax', local('2020-01-03 11:00')), resolved(1, local('2020-01-10 10:00'))));
    expect(total(docs)).toMatchObject({ resolved: 1, resolveSettled: 1, resolvedOnTime: 0 });
    expect(ofAgency(docs, 'police')).toMatchObject({ resolveSettled: 1, resolvedOnTime: 0, returned: 1 });
    expect(ofAgency(docs, 'tax')).toMatchObject({ resolved: 1, resolveSettled: 1, resolvedOnTime: 1 });
    for (const day of days(docs)) expect(day.total.resolvedOnTime).toBeLessThanOrEqual(day.total.resolveSettled);
  });

  it('never counts a not-rated closing as satisfied, nor a missed deadline twice', () => {
    const docs = project(onRequest('n', received(), dispatched(), requestMissed('accept', endOf('2019-12-11'), 'tax'), requestMissed('resolve', endOf('2019-12-31'), 'tax'),
      requestMissed('resolve', endOf('2019-12-31'), 'tax'), resolved(1, local('2020-01-02 10:00')), requestClosed('not-rated', null, endOf('2020-01-09'))));
    expect(total(docs)).toMatchObject({ resolved: 1, resolveSettled: 1, resolvedOnTime: 0, rated: 0, satisfied: 0 });
    expect(openRequests(docs)).toEqual([]);
  });
});
