/**
 * The requests reports on the real app over HTTP. The requests' and the directory's events are
 * appended to the app's own event store as the request routes and the directory append them
 * (support/hand-made-history.ts); the app's projector folds them. Counts worked out by hand
 * in libs/read-models/src/testing/request-history.ts; the clock is a manual one, so `overdue` is
 * asked at chosen moments.
 */
import { DeadlineScheduler, ManualClock } from '@survey/application';
import { caseEvents, endOf, requestEvents } from '@survey/domain/testing';
import { RequestEvent } from '@survey/domain';
import { CITY_REQUESTS_COUNTS, cityRequests, onRequest, POLICE_REQUESTS_COUNTS, TAX_REQUESTS_COUNTS } from '@survey/read-models/testing';
import { rateFigure } from '@survey/reporting';
import { admin, analyst, auditor, bearer, startApp, TestApp, token } from './support/app';
import { agencyRegistered, appendHistory } from './support/hand-made-history';
import { expectInvalid, expectProblem } from './support/problem';
import { head } from './support/survey';

const { received, dispatched } = requestEvents;
const { local } = caseEvents;
const moved = (event: RequestEvent, data: Record<string, string>) => ({ ...event, data: { ...event.data, ...data } }) as RequestEvent;

/** A report row's counts as the answer shows them: the projection's, less the rates' denominators. */
function shown(counts: Record<string, number>) {
  const { dispatched: _d, dispatchSettled, resolveSettled, ratingSettled, ...rest } = counts;
  return {
    ...rest,
    rates: {
      dispatchedOnTime: rateFigure(counts.dispatchedOnTime, dispatchSettled),
      resolvedOnTime: rateFigure(counts.resolvedOnTime, resolveSettled),
      satisfied: rateFigure(counts.satisfied, ratingSettled),
    },
  };
}

describe('requests reports', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date());

  const report = (query = '', who = analyst) => t.http().get(`/v1/reports/requests${query}`).set(who);
  const totals = (query = '') => t.http().get(`/v1/public/requests${query}`);

  beforeAll(async () => {
    t = await startApp({ clock });
    // The missed deadlines here are the history's own events, counted by hand; the app's scheduler
    // would record more whenever the clock passes a recorded due (test/request-clock.e2e-spec.ts
    // tests it), so it is stopped before anything is appended.
    await t.app.get(DeadlineScheduler, { strict: false }).stop();
    await appendHistory(t, [
      agencyRegistered('tax', '市税务局'), agencyRegistered('police', '市公安局'), agencyRegistered('constructor', '构造局'),
      ...cityRequests(),
      // A prototype-named request of a prototype-named category, dispatched on time to the agency named `constructor`, in February.
      ...onRequest('__proto__', moved(received('__proto__'), { at: local('2020-02-03 10:00'), dispatchDue: endOf('2020-02-04') }),
        dispatched('constructor', endOf('2020-02-24'), local('2020-02-03 11:00'), endOf('2020-02-04'))),
    ]);
  });
  afterAll(() => t.close());

  it('answers per agency of the directory, per category and in all the counts and rates of the requests, as the events say', async () => {
    clock.set(local('2019-12-20 08:00'));
    // December and January: every step of the city's requests (f is resolved and rated in January), not February's __proto__.
    const body = (await report('?from=2019-12-01&to=2020-01-31').expect(200)).body;
    expect(body).toMatchObject({ from: '2019-12-01', to: '2020-01-31' });
    expect(body.agencies.map((a: { agencyId: string; name: string }) => [a.agencyId, a.name])).toEqual([['constructor', '构造局'], ['police', '市公安局'], ['tax', '市税务局']]);
    // e and h wait on deadlines passed by 12-20 (e's accept, h's dispatch); c is escalated, with no deadline.
    expect(body.total).toEqual({ ...shown(CITY_REQUESTS_COUNTS), open: 3, overdue: 2 });
    expect(body.agencies[2]).toEqual({ agencyId: 'tax', name: '市税务局', ...shown(TAX_REQUESTS_COUNTS), open: 2, overdue: 1 });
    expect(body.agencies[1]).toEqual({ agencyId: 'police', name: '市公安局', ...shown(POLICE_REQUESTS_COUNTS), open: 0, overdue: 0 });
    expect(body.agencies[0]).toMatchObject({ agencyId: 'constructor', received: 0, open: 0, rates: { dispatchedOnTime: { rate: null, low: null, high: null, n: 0 } } });
    // The deployment's categories in their order, zeros included.
    expect(body.categories.map((c: { category: string; received: number }) => [c.category, c.received])).toEqual([
      ['consultation', 1], ['approval', 3], ['operations', 0], ['finance', 1], ['land', 1], ['talent', 1], ['contracts', 0], ['legal', 0], ['disturbance', 0],
    ]);
    expect(body.categories[1]).toMatchObject({ category: 'approval', resolved: 3, resolvedOnTime: 3, satisfied: 1, escalated: 1, open: 1, overdue: 0 });
    // a, b, c resolved in December, f in January.
    expect(body.months.map((m: { month: string; received: number; resolved: number }) => [m.month, m.received, m.resolved])).toEqual([['2019-12', 7, 3], ['2020-01', 0, 1]]);
  });

  it('counts the steps reached on the days asked, and the open requests received on them, prototype names included', async () => {
    clock.set(local('2020-01-05 08:00'));
    const firstDay = (await report('?from=2019-12-09&to=2019-12-09').expect(200)).body;
    // c, e, h were received that day and are open; e's accept and h's dispatch have passed.
    expect(firstDay.total).toMatchObject({ received: 7, dispatchedOnTime: 0, resolved: 0, open: 3, overdue: 2 });
    const since = (await report('?from=2020-01-01').expect(200)).body;
    // f resolved on time and rated (basically satisfied) in January; __proto__ received and dispatched on time in February.
    expect(since.total).toMatchObject({ received: 1, dispatchedOnTime: 1, resolved: 1, resolvedOnTime: 1, rated: 1, satisfied: 0, open: 1, overdue: 0 });
    expect(since.total.rates.satisfied).toEqual(rateFigure(0, 1));
    expect(since.categories.at(-1)).toMatchObject({ category: '__proto__', received: 1, dispatchedOnTime: 1, open: 1 });
    expect(since.agencies[0]).toMatchObject({ agencyId: 'constructor', received: 1, open: 1, rates: { dispatchedOnTime: rateFigure(1, 1) } });
    const all = (await report().expect(200)).body;
    expect(all.months.map((m: { month: string; received: number }) => [m.month, m.received])).toEqual([['2019-12', 7], ['2020-01', 0], ['2020-02', 1]]);
    expect(all.total.received).toBe(8);
  });

  it('counts overdue at the moment asked, before any missed deadline is recorded', async () => {
    const before = await head(t);
    clock.set(local('2020-01-01 08:00')); // past 12-31 24:00: e's resolve too, still one request
    expect((await report().expect(200)).body.agencies[2]).toMatchObject({ agencyId: 'tax', open: 2, overdue: 1 });
    clock.set(local('2020-02-04 23:59'));
    expect((await report().expect(200)).body.agencies[0]).toMatchObject({ agencyId: 'constructor', open: 1, overdue: 0 });
    clock.set(local('2020-02-05 00:00')); // __proto__'s accept (due 02-04 24:00) has passed
    expect((await report().expect(200)).body.agencies[0]).toMatchObject({ agencyId: 'constructor', open: 1, overdue: 1 });
    expect(await head(t)).toBe(before); // nothing appended: the count is the query's
  });

  it('lets analysts, auditors, admins and the centre read it, no one else', async () => {
    for (const who of [analyst, auditor, admin, bearer('centre', 'staff-1')]) await report('', who).expect(200);
    expectProblem(await report('', bearer('enterprise', '91320302130091000T')), 403);
    expectProblem(await report('', { authorization: `Bearer ${token('agency', 'tax-officer', { agencyId: 'tax' })}` }), 403);
    expectProblem(await t.http().get('/v1/reports/requests'), 401);
  });

  it('refuses a span that is no span of real days with field errors, and appends nothing', async () => {
    const before = await head(t);
    expectInvalid(await report('?from=2019-02-30'), 'from');
    expectInvalid(await report('?from=2019-12'), 'from');
    expectInvalid(await report('?to=20191231'), 'to');
    expectInvalid(await report('?from=2019-12-01T00:00:00Z'), 'from');
    expectInvalid(await report('?from=__proto__&to=constructor'), 'from', 'to');
    expectInvalid(await report('?from=2019-12-31&to=2019-12-01'), 'to');
    expectInvalid(await report('?from=2019-12-01&from=2019-12-02'), 'from');
    expect((await report('?from=&to=').expect(200)).body).toMatchObject({ from: null, to: null });
    expect(await head(t)).toBe(before);
  });

  describe('public totals', () => {
    it('shows anyone the year\'s requests per category, resolved, and the two rates; no text, no agency, no enterprise', async () => {
      const body = (await totals('?year=2019').expect(200)).body;
      // In 2019: seven received; a, b, c resolved (a and c on time, b's deadline missed); a's rating (satisfied) and c's (escalated) final.
      expect(body).toEqual({
        year: 2019,
        categories: expect.any(Array),
        total: { received: 7, resolved: 3, resolvedOnTimeRate: rateFigure(2, 3), satisfactionRate: rateFigure(1, 2) },
      });
      expect(body.categories.map((c: { category: string; received: number }) => c.category)).toEqual(expect.arrayContaining(['consultation', 'disturbance']));
      expect(body.categories.find((c: { category: string }) => c.category === 'approval')).toMatchObject({ received: 3, resolved: 2 });
      expect(JSON.stringify(body)).not.toMatch(/tax|police|agency|creditCode|9131|办理施工许可|材料|overdue|open/);
      // 2020: __proto__ received, f resolved on time and rated basically satisfied.
      expect((await totals('?year=2020').expect(200)).body.total).toEqual({ received: 1, resolved: 1, resolvedOnTimeRate: rateFigure(1, 1), satisfactionRate: rateFigure(0, 1) });
      const { received: n, resolved: r, resolvedOnTime, resolveSettled, satisfied, ratingSettled } = CITY_REQUESTS_COUNTS;
      expect((await totals().expect(200)).body).toMatchObject({
        year: null,
        total: { received: n + 1, resolved: r, resolvedOnTimeRate: rateFigure(resolvedOnTime, resolveSettled), satisfactionRate: rateFigure(satisfied, ratingSettled) },
      });
    });

    it('refuses a year that is not four digits', async () => {
      expectInvalid(await totals('?year=19'), 'year');
      expectInvalid(await totals('?year=2019.0'), 'year');
      expectInvalid(await totals('?year=constructor'), 'year');
      expectInvalid(await totals('?year=2019&year=2020'), 'year');
    });
  });

  it('names every agency of any campaign, as the directory does: an agency only a campaign knows is listed under the campaign\'s name', async () => {
    const campaign = {
      id: 'xz-2020', year: 2020, title: '2020年度营商环境满意度评价', opensAt: '2020-11-01T00:00:00+08:00', closesAt: '2020-12-31T23:59:59+08:00',
      agencies: [{ id: 'court', name: '徐州市中级人民法院' }, { id: 'tax', name: '税务局（活动名称）' }],
    };
    await t.http().post('/v1/campaigns').set(admin).send(campaign).expect(201);
    await t.settle();
    const body = (await report('?from=2019-12-01&to=2020-01-31').expect(200)).body;
    // court joins with zeros under the campaign's name; tax keeps the directory's own name.
    expect(body.agencies.map((a: { agencyId: string; name: string }) => [a.agencyId, a.name])).toEqual([
      ['constructor', '构造局'], ['court', '徐州市中级人民法院'], ['police', '市公安局'], ['tax', '市税务局'],
    ]);
    expect(body.agencies[1]).toMatchObject({ agencyId: 'court', received: 0, open: 0 });
  });
});
