/**
 * Trends over four campaigns on known ratings, worked out by hand: 2017 on a three-level scale
 * (so its change to 2018 is not comparable), 2018 and 2019 on the default scale and questions,
 * 2020 with one question only (not comparable either).
 *   2017: tax 6 of 10 satisfied · 2018: tax 10/20, police 15/20 · 2019: tax 18/20, police 16/20 · 2020: tax 5/5
 */
import { analyst, bearer, startApp, TestApp } from './support/app';
import { expectProblem } from './support/problem';
import { openCampaign, rateAll, registered, spread } from './support/survey';

const THREE_LEVELS = [
  { id: 'good', label: '满意 Good', score: 100, satisfied: true, negative: false },
  { id: 'fair', label: '一般 Fair', score: 50, satisfied: false, negative: false },
  { id: 'bad', label: '不满意 Bad', score: 0, satisfied: false, negative: true },
];

describe('trends', () => {
  let t: TestApp;
  const trends = async (query = '') => (await t.http().get(`/v1/reports/trends${query}`).set(analyst).expect(200)).body;

  beforeAll(async () => {
    t = await startApp();
    await openCampaign(t, 'xz-2017', { year: 2017, scale: THREE_LEVELS, agencies: [{ id: 'tax', name: '市地税局' }] });
    await openCampaign(t, 'xz-2018', { year: 2018 });
    await openCampaign(t, 'xz-2019', { year: 2019 });
    await openCampaign(t, 'xz-2020', { year: 2020, questions: [{ id: 'efficiency', text: '办事效率' }] });
    const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => registered(t, i + 1)));
    await rateAll(t, 'xz-2017', codes, { tax: spread({ good: 6, fair: 4 }) });
    await rateAll(t, 'xz-2018', codes, { tax: spread({ satisfied: 10, basically_satisfied: 10 }), police: spread({ satisfied: 15, dissatisfied: 5 }) });
    await rateAll(t, 'xz-2019', codes, { tax: spread({ very_satisfied: 18, basically_satisfied: 2 }), police: spread({ satisfied: 16, dissatisfied: 4 }) });
    await rateAll(t, 'xz-2020', codes, { tax: spread({ satisfied: 5 }) });
    await t.settle();
  });
  afterAll(() => t.close());

  it('gives the overall series by year, each change with its z-test and whether it is comparable', async () => {
    const r = await trends();
    expect(r).toMatchObject({ agencyId: null, test: 'two-proportion z-test, pooled, two-sided', asOf: { position: expect.stringMatching(/^\d+$/) } });
    expect(r.series).toEqual([
      // 6/10: centre 0.572246 ± 0.259576.
      expect.objectContaining({ campaignId: 'xz-2017', year: 2017, n: 10, satisfaction: { rate: 60, low: 31.3, high: 83.2, n: 10 }, change: null }),
      // 25/40: centre 0.614047 ± 0.143725. +2.5 points; pooled 0.62, SE 0.171610, z 0.1457, p 0.8842; other scale.
      expect.objectContaining({ campaignId: 'xz-2018', year: 2018, n: 40, satisfaction: { rate: 62.5, low: 47, high: 75.8, n: 40 },
        change: { points: 2.5, pValue: 0.8842, significant: false, comparable: false } }),
      // 34/40: centre 0.819331 ± 0.110058. +22.5; pooled 0.7375, SE 0.098385, z 2.2869, p 0.0222.
      expect.objectContaining({ campaignId: 'xz-2019', year: 2019, n: 40, satisfaction: { rate: 85, low: 70.9, high: 92.9, n: 40 },
        change: { points: 22.5, pValue: 0.0222, significant: true, comparable: true } }),
      // 5/5: centre 0.782754 ± 0.217246. +15.0; pooled 0.866667, SE 0.161245, z 0.9303, p 0.3522; other questions.
      expect.objectContaining({ campaignId: 'xz-2020', year: 2020, n: 5, satisfaction: { rate: 100, low: 56.6, high: 100, n: 5 },
        change: { points: 15, pValue: 0.3522, significant: false, comparable: false } }),
    ]);
  });

  it('gives one agency’s series, named as in the latest campaign', async () => {
    const r = await trends('?agencyId=tax');
    expect(r).toMatchObject({ agencyId: 'tax', name: '市税务局' });
    expect(r.series.map((p: { campaignId: string; satisfaction: unknown; change: unknown }) => [p.campaignId, p.satisfaction, p.change])).toEqual([
      ['xz-2017', { rate: 60, low: 31.3, high: 83.2, n: 10 }, null],
      // 10/20 against 6/10: −10.0; pooled 0.533333, SE 0.193218, z −0.5175, p 0.6048.
      ['xz-2018', { rate: 50, low: 29.9, high: 70.1, n: 20 }, { points: -10, pValue: 0.6048, significant: false, comparable: false }],
      // 18/20 against 10/20: +40.0; pooled 0.7, SE 0.144914, z 2.7603, p 0.0058.
      ['xz-2019', { rate: 90, low: 69.9, high: 97.2, n: 20 }, { points: 40, pValue: 0.0058, significant: true, comparable: true }],
      // 5/5 against 18/20: +10.0; pooled 0.92, SE 0.135647, z 0.7372, p 0.4610.
      ['xz-2020', { rate: 100, low: 56.6, high: 100, n: 5 }, { points: 10, pValue: 0.461, significant: false, comparable: false }],
    ]);
  });

  it('leaves out the campaigns an agency was not in, and nulls a change next to a campaign without ratings', async () => {
    const r = await trends('?agencyId=police');
    expect(r.series.map((p: { campaignId: string; n: number; change: { points: number } | null }) => [p.campaignId, p.n, p.change?.points ?? null])).toEqual([
      ['xz-2018', 20, null], ['xz-2019', 20, 5], ['xz-2020', 0, null],
    ]);
  });

  it('answers 404 for an agency in no campaign, 400 for a repeated agencyId, 403 to an enterprise', async () => {
    expectProblem(await t.http().get('/v1/reports/trends?agencyId=zoo').set(analyst), 404);
    expectProblem(await t.http().get('/v1/reports/trends?agencyId=tax&agencyId=police').set(analyst), 400);
    expectProblem(await t.http().get('/v1/reports/trends').set(bearer('enterprise', '91310110666007217T')), 403);
  });
});
