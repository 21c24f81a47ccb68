/**
 * The rectification reports on the real app over HTTP. The cases' events are appended to the app's
 * own event store, as the reactor and the case routes append them (test/cases.e2e-spec.ts drives
 * those over HTTP), so that each count is one worked out by hand; the app's projector folds them.
 * Counts worked out by hand in libs/read-models/src/testing/rectification-history.ts (TAX_CASES_COUNTS);
 * the clock is a manual one, so `overdue` is asked at chosen moments.
 */
import { randomUUID } from 'node:crypto';
import { DeadlineScheduler, ManualClock } from '@survey/application';
import { caseEvents } from '@survey/domain/testing';
import type { RectificationEvent } from '@survey/domain';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { on, closedAs, TAX_CASES_COUNTS, taxCases } from '@survey/read-models/testing';
import { rateFigure } from '@survey/reporting';
import { admin, analyst, auditor, bearer, startApp, TestApp, token } from './support/app';
import { expectInvalid, expectProblem } from './support/problem';
import { head, openCampaign } from './support/survey';

const ID = 'rc-2019';
const { caseOpened, contacted, local } = caseEvents;

describe('rectification reports', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date());

  /** Appends case events as the reactor and the case routes do: one stream per case, in order. */
  const append = async (events: RectificationEvent[]) => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    for (const e of events) {
      const metadata = { schemaVersion: 1, recordedAt: e.data.at, actor: { role: 'system' as const, sub: 'spec' }, correlationId: randomUUID(), causationId: randomUUID() };
      await store.append(`rectification-${e.data.caseId}`, [{ id: randomUUID(), type: e.type, data: e.data, metadata }], 'any');
    }
    await t.settle();
  };
  const inCampaign = (events: RectificationEvent[]) => events.map((e) => ({ ...e, data: { ...e.data, campaignId: ID } }) as RectificationEvent);
  const report = (query = `?campaignId=${ID}`, who = analyst) => t.http().get(`/v1/reports/rectification${query}`).set(who);
  const table = (query = `?campaignId=${ID}`) => t.http().get(`/v1/public/rectification${query}`);

  beforeAll(async () => {
    t = await startApp({ clock });
    // The missed deadlines here are the suite's own events, counted by hand; the app's scheduler
    // would record more whenever the clock passes a 2019 deadline (test/case-deadlines.e2e-spec.ts
    // tests it), so it is stopped before anything is appended.
    await t.app.get(DeadlineScheduler, { strict: false }).stop();
    await openCampaign(t, ID, { agencies: [{ id: 'tax', name: '市税务局' }, { id: 'constructor', name: '构造局' }, { id: 'police', name: '市公安局' }] });
    await append(inCampaign([
      ...taxCases(),
      ...on({ caseId: '__proto__', agencyId: 'constructor' }, caseOpened(), contacted(local('2019-12-10 09:00'))),
    ]));
  });
  afterAll(() => t.close());

  it('answers per agency, in the campaign\'s order, the counts and rates of its cases, and the total', async () => {
    clock.set(local('2019-12-20 08:00'));
    const body = (await report().expect(200)).body;
    expect(body.campaignId).toBe(ID);
    expect(body.agencies.map((a: { agencyId: string; name: string }) => [a.agencyId, a.name])).toEqual([['tax', '市税务局'], ['constructor', '构造局'], ['police', '市公安局']]);
    // The staff report's counts: the projection's, less the rates' denominators and the public table's closings.
    const counts = Object.fromEntries(Object.entries(TAX_CASES_COUNTS).filter(([k]) => !['contactSettled', 'rectifySettled', 'closed', 'closedRectified'].includes(k)));
    const { contactedOnTime, rectifiedOnTime, followUpSatisfied, followUps, contactSettled, rectifySettled } = TAX_CASES_COUNTS;
    expect(body.agencies[0]).toEqual({
      agencyId: 'tax', name: '市税务局', ...counts,
      // e and f are open; on 12-20 only e's contact (due 12-09) has passed.
      open: 2, overdue: 1,
      rates: {
        contactedOnTime: rateFigure(contactedOnTime, contactSettled),
        rectifiedOnTime: rateFigure(rectifiedOnTime, rectifySettled),
        followUpSatisfied: rateFigure(followUpSatisfied, followUps),
      },
    });
    expect(body.agencies[1]).toMatchObject({ agencyId: 'constructor', cases: 1, contacted: 1, contactedOnTime: 0, open: 1, overdue: 0, rates: { contactedOnTime: { rate: 0, n: 1 } } });
    expect(body.agencies[2]).toMatchObject({
      agencyId: 'police', cases: 0, open: 0, overdue: 0,
      rates: { contactedOnTime: { rate: null, low: null, high: null, n: 0 }, followUpSatisfied: { rate: null, low: null, high: null, n: 0 } },
    });
    expect(body.total).toMatchObject({ cases: 7, contacted: 5, contactedOnTime: 3, open: 3, overdue: 1, rates: { contactedOnTime: rateFigure(3, 5) } });
  });

  it('counts overdue at the moment asked, before any missed deadline is recorded', async () => {
    const before = await head(t);
    clock.set(local('2019-12-28 08:00')); // past 12-27 24:00: e and f's rectification, and __proto__'s
    const body = (await report().expect(200)).body;
    expect(body.agencies[0]).toMatchObject({ open: 2, overdue: 2 });
    expect(body.total).toMatchObject({ open: 3, overdue: 3 });
    expect(await head(t)).toBe(before); // nothing appended: the count is the query's
  });

  it('lets analysts, auditors, admins and the centre read it, no one else', async () => {
    for (const who of [analyst, auditor, admin, bearer('centre', 'staff-1')]) await report(`?campaignId=${ID}`, who).expect(200);
    expectProblem(await report(`?campaignId=${ID}`, bearer('enterprise', '91320302130091000T')), 403);
    // An agency's staff see their own cases (GET /v1/rectification/cases), not every agency's figures.
    expectProblem(await report(`?campaignId=${ID}`, { authorization: `Bearer ${token('agency', 'tax-officer', { agencyId: 'tax' })}` }), 403);
    expectProblem(await t.http().get(`/v1/reports/rectification?campaignId=${ID}`), 401);
  });

  it('refuses a missing or repeated campaignId with a field error, and an unknown campaign with a 404', async () => {
    expectInvalid(await report(''), 'campaignId');
    expectInvalid(await report('?campaignId='), 'campaignId');
    expectInvalid(await report(`?campaignId=${ID}&campaignId=${ID}`), 'campaignId');
    expectProblem(await report('?campaignId=nope-2019'), 404);
    expectProblem(await report('?campaignId=__proto__'), 404);
    expectProblem(await report('?campaignId=constructor'), 404);
  });

  describe('public table', () => {
    it('is a 404 until the campaign is published, like an unknown campaign', async () => {
      clock.set(new Date());
      expectProblem(await table(), 404);
      expectProblem(await table('?campaignId=nope-2019'), 404);
      expectInvalid(await table(''), 'campaignId');
      await t.http().post(`/v1/campaigns/${ID}/close`).set(admin).expect(200);
      expectProblem(await table(), 404);
    });

    it('shows anyone, once published, cases, closed and the two rates per agency, and follows the cases live', async () => {
      const published = (await t.http().post(`/v1/campaigns/${ID}/publish`).set(admin).expect(200)).body;
      await t.settle();
      const body = (await table().expect(200)).body;
      expect(body).toMatchObject({ campaignId: ID, publishedAt: published.publishedAt });
      expect(body.agencies[0]).toEqual({
        agencyId: 'tax', name: '市税务局', cases: 6, closed: TAX_CASES_COUNTS.closed,
        rectifiedRate: rateFigure(TAX_CASES_COUNTS.closedRectified, TAX_CASES_COUNTS.closed),
        onTimeRate: rateFigure(TAX_CASES_COUNTS.rectifiedOnTime, TAX_CASES_COUNTS.rectifySettled),
      });
      expect(JSON.stringify(body)).not.toMatch(/creditCode|91320|办事拖延|contacted|overdue/);

      // The centre closes e after publication: the public table shows it.
      await append(inCampaign(on({ caseId: 'e' }, closedAs('unreachable', null, local('2020-01-15 10:00')))));
      const later = (await table().expect(200)).body;
      expect(later.agencies[0]).toMatchObject({ cases: 6, closed: TAX_CASES_COUNTS.closed + 1, rectifiedRate: rateFigure(TAX_CASES_COUNTS.closedRectified, TAX_CASES_COUNTS.closed + 1) });
    });
  });
});
