/**
 * Reports as of a past time, on a timeline set by a manual server clock (seconds after T0):
 *   0 campaigns opened, 10 enterprises registered · 10 the 2018 ratings of tax: 5 of 10 satisfied
 *   20 the 2019 ratings of tax: 8 of 10 satisfied · 30 enterprise 1 revises 2019 to dissatisfied: 7 of 10
 */
import { ManualClock } from '@survey/application';
import { analyst, startApp, TestApp, withoutRateLimits } from './support/app';
import { expectProblem } from './support/problem';
import { head, openCampaign, rateAll, registered, spread, submit } from './support/survey';

const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000).toISOString();

describe('reports as of a past time', () => {
  const clock = new ManualClock(T0);
  let t: TestApp;
  let codes: string[];
  const positions: Record<string, number> = {};
  const get = (path: string) => t.http().get(path).set(analyst);
  const headline = async (asOf: string) => (await get(`/v1/reports/campaigns/xz-2019?asOf=${encodeURIComponent(asOf)}`).expect(200)).body;

  beforeAll(async () => {
    t = await startApp({ clock, config: withoutRateLimits('replays') }); // one analyst asks for more than 10 past times
    await openCampaign(t, 'xz-2018', { year: 2018 });
    await openCampaign(t, 'xz-2019', { year: 2019 });
    codes = await Promise.all(Array.from({ length: 10 }, (_, i) => registered(t, i + 1)));
    positions.opened = await head(t);
    clock.set(at(10));
    await rateAll(t, 'xz-2018', codes, { tax: spread({ satisfied: 5, basically_satisfied: 5 }) });
    clock.set(at(20));
    await rateAll(t, 'xz-2019', codes, { tax: spread({ satisfied: 8, dissatisfied: 2 }) });
    // Settled first: the case reactor's appends for the bad reviews (recorded at the same time) land
    // after the ratings are answered, and the head is to include them.
    await t.settle();
    positions.rated = await head(t);
    clock.set(at(30));
    await submit(t, codes[0], 'xz-2019', 'tax', { rating: 'dissatisfied' }).expect(200);
    await t.settle();
    positions.revised = await head(t);
  });
  afterAll(() => t.close());

  it('gives the headline as it stood before the revision, and says which log position it reflects', async () => {
    const before = await headline(at(25));
    // 8/10: centre 0.716738 ± 0.226581 → [49.0, 94.3]. Against 5/10: +30.0; pooled 0.65, SE 0.213307, z 1.4064, p 0.1596.
    expect(before).toMatchObject({
      respondents: 10, evaluations: 10, satisfaction: { rate: 80, low: 49, high: 94.3, n: 10 },
      previous: { campaignId: 'xz-2018', rate: 50 }, change: { points: 30, pValue: 0.1596, significant: false },
      asOf: { position: String(positions.rated), recordedAt: at(20) },
    });
    // After it (and live): 7/10 → 70.0 [39.7, 89.2]; +20.0, pooled 0.6, SE 0.219089, z 0.9129, p 0.3613.
    const after = await headline(at(31));
    expect(after).toMatchObject({ satisfaction: { rate: 70, low: 39.7, high: 89.2, n: 10 }, change: { points: 20, pValue: 0.3613 }, asOf: { position: String(positions.revised), recordedAt: at(30) } });
    const live = (await get('/v1/reports/campaigns/xz-2019').expect(200)).body;
    expect({ ...live, asOf: null }).toEqual({ ...after, asOf: null });
  });

  it('shows a campaign opened but not yet rated, and 404 before the campaign existed', async () => {
    expect(await headline(at(5))).toMatchObject({ evaluations: 0, satisfaction: { rate: null, n: 0 }, change: null, asOf: { position: String(positions.opened) } });
    expectProblem(await get(`/v1/reports/campaigns/xz-2019?asOf=${encodeURIComponent(new Date(T0.getTime() - 1000).toISOString())}`), 404);
  });

  it('gives an agency as of a time without its segments, and says why', async () => {
    const r = (await get(`/v1/reports/campaigns/xz-2019/agencies/tax?asOf=${encodeURIComponent(at(25))}`).expect(200)).body;
    expect(r).toMatchObject({ agencyId: 'tax', satisfaction: { rate: 80, n: 10 }, badReviewRate: 20, segments: null, segmentsOmitted: expect.stringMatching(/suppression/) });
    const live = (await get('/v1/reports/campaigns/xz-2019/agencies/tax').expect(200)).body;
    expect(live.segments.district).toEqual([expect.objectContaining({ value: '鼓楼区', respondents: 10 })]);
    expect(live).not.toHaveProperty('segmentsOmitted');
  });

  it('keeps a past answer when later events arrive, and follows the head for a time still to come', async () => {
    const future = '2099-01-01T00:00:00Z';
    expect((await headline(future)).satisfaction).toMatchObject({ rate: 70, n: 10 });
    expect((await headline(at(25))).satisfaction).toMatchObject({ rate: 80 }); // from the cache
    clock.set(at(40));
    await submit(t, codes[1], 'xz-2019', 'tax', { rating: 'dissatisfied' }).expect(200); // 6/10
    expect((await headline(at(25))).satisfaction).toMatchObject({ rate: 80 });
    expect(await headline(future)).toMatchObject({ satisfaction: { rate: 60, n: 10 }, asOf: { position: String(await head(t)), recordedAt: at(40) } });
  });

  it.each(['yesterday', '2019-13-01', '2019-02-30', '2019-11-12T12:00', '2019-11-12T25:00Z', '1573550000'])('answers 400 for asOf=%s', async (bad) => {
    const res = expectProblem(await get(`/v1/reports/campaigns/xz-2019?asOf=${encodeURIComponent(bad)}`), 400);
    expect(res.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
    expectProblem(await get(`/v1/reports/campaigns/xz-2019/agencies/tax?asOf=${encodeURIComponent(bad)}`), 400);
  });

  it('answers 400 for asOf given twice', async () => {
    expectProblem(await get(`/v1/reports/campaigns/xz-2019?asOf=${at(1)}&asOf=${at(2)}`), 400);
  });
});
