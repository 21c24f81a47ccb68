/**
 * The headline report from known ratings, every figure worked out by hand (DESIGN "Statistics"):
 * rates from exact fractions, 95% Wilson bounds (z = 1.96), mean score, bad-review rate, ranks,
 * and the change against the campaign of the greatest earlier year with a pooled two-proportion
 * z-test. Three distractor campaigns (2017, and 2020 with no ratings) check which one is "previous".
 */
import { analyst, auditor, startApp, TestApp } from './support/app';
import { expectProblem } from './support/problem';
import { openCampaign, rateAll, registered, spread, submit, withdraw } from './support/survey';

const VS = 'very_satisfied';

// 2019, enterprises 1–20. Satisfied = very satisfied or satisfied; negative = the bottom two.
const Y2019 = {
  tax: spread({ very_satisfied: 12, satisfied: 6, basically_satisfied: 2 }), // 18/20, scores 1750
  police: spread({ very_satisfied: 10, satisfied: 6, basically_satisfied: 2, dissatisfied: 1, very_dissatisfied: 1 }), // 16/20, 1575
  housing: spread({ very_satisfied: 3, satisfied: 4, basically_satisfied: 1, dissatisfied: 1, very_dissatisfied: 1 }), // 7/10 (enterprises 1–10), 675
};
// 2018: 10/20, 15/20, 10/10 = 35/50.
const Y2018 = {
  tax: spread({ very_satisfied: 5, satisfied: 5, basically_satisfied: 10 }),
  police: spread({ satisfied: 15, dissatisfied: 5 }),
  housing: spread({ very_satisfied: 10 }),
};

describe('the headline report', () => {
  let t: TestApp;
  let codes: string[];
  const report = async (id: string) => (await t.http().get(`/v1/reports/campaigns/${id}`).set(analyst).expect(200)).body;

  beforeAll(async () => {
    t = await startApp();
    for (const [id, year] of [['xz-2017', 2017], ['xz-2018', 2018], ['xz-2019', 2019], ['xz-2020', 2020]] as const) await openCampaign(t, id, { year });
    codes = await Promise.all(Array.from({ length: 21 }, (_, i) => registered(t, i + 1)));
    const twenty = codes.slice(0, 20);
    await rateAll(t, 'xz-2017', twenty, { tax: [VS], housing: [VS, 'satisfied'] });
    await rateAll(t, 'xz-2018', twenty, Y2018);
    // First pass of 2019: enterprise 1 rates housing and enterprise 2 rates tax very dissatisfied
    // (both revised to very satisfied below), and enterprise 21 rates police (withdrawn below).
    const firstHousing = ['very_dissatisfied', ...Y2019.housing.slice(1)];
    const firstTax = [Y2019.tax[0], 'very_dissatisfied', ...Y2019.tax.slice(2)];
    await rateAll(t, 'xz-2019', twenty, { tax: firstTax, police: Y2019.police, housing: firstHousing });
    await submit(t, codes[20], 'xz-2019', 'police', { rating: VS }).expect(201);
    await t.settle();
  });
  afterAll(() => t.close());

  it('counts what is current before the revisions and the withdrawal', async () => {
    // 40 satisfied of 51, 21 enterprises. p = 0.784314; Wilson: centre (p + 3.8416/102)/(1 + 3.8416/51)
    // = 0.764398, half-width 1.96·√(p(1−p)/51 + 3.8416/10404)/1.075325 = 0.110664 → [65.4, 87.5].
    expect(await report('xz-2019')).toMatchObject({
      respondents: 21, evaluations: 51, satisfaction: { rate: 78.4, low: 65.4, high: 87.5, n: 51 },
    });
  });

  it('moves the counts on a revision (not double counted) and drops a withdrawn evaluation and its respondent', async () => {
    await submit(t, codes[0], 'xz-2019', 'housing', { rating: VS }).expect(200);
    await submit(t, codes[1], 'xz-2019', 'tax', { rating: VS }).expect(200);
    await withdraw(t, codes[20], 'xz-2019', 'police').expect(204);
    await t.settle();
    const r = await report('xz-2019');

    // 41 satisfied of 50 → 82.0. Wilson: p = 0.82, centre (0.82 + 3.8416/100)/(1 + 3.8416/50)
    // = 0.858416/1.076832 = 0.797168; half-width 1.96·√(0.82·0.18/50 + 3.8416/10000)/1.076832
    // = 1.96·√0.00333616/1.076832 = 0.105131 → [69.2037, 90.2299] → low 69.2, high 90.2.
    // Mean score (1750 + 1575 + 675)/50 = 80.0; bad reviews (0 + 2 + 2)/50 = 8.0%.
    // Previous: 2018 (not 2017, not 2020), 35/50 = 70.0. Change 12.0 points; pooled p = 76/100,
    // SE = √(0.76·0.24·(1/50 + 1/50)) = 0.085417, z = 0.12/0.085417 = 1.4049, two-sided p = 0.1601.
    expect(r).toMatchObject({
      campaignId: 'xz-2019', year: 2019,
      respondents: 20, evaluations: 50,
      satisfaction: { rate: 82, low: 69.2, high: 90.2, n: 50 },
      meanScore: 80, badReviewRate: 8,
      previous: { campaignId: 'xz-2018', year: 2018, rate: 70 },
      change: { points: 12, pValue: 0.1601, significant: false },
      asOf: { position: expect.stringMatching(/^\d+$/) },
    });
    expect(r.agencies).toMatchObject([
      // 18/20: Wilson centre 0.835548 ± 0.136586. Mean 1750/20 = 87.5. Against 2018's 10/20:
      // pooled 28/40 = 0.7, SE = √(0.21·0.1) = 0.144914, z = 0.4/0.144914 = 2.7603, p = 0.0058 < 0.05.
      { agencyId: 'tax', name: '市税务局', rank: 1, evaluations: 20, meanScore: 87.5, badReviewRate: 0,
        satisfaction: { rate: 90, low: 69.9, high: 97.2, n: 20 }, change: { points: 40, pValue: 0.0058, significant: true } },
      // 16/20: 0.751661 ± 0.167683. Mean 1575/20 = 78.75 → 78.8 (half away from zero).
      // Against 15/20: pooled 31/40, SE = √(0.775·0.225·0.1) = 0.132051, z = 0.3786, p = 0.7050.
      { agencyId: 'police', name: '市公安局', rank: 2, evaluations: 20, meanScore: 78.8, badReviewRate: 10,
        satisfaction: { rate: 80, low: 58.4, high: 91.9, n: 20 }, change: { points: 5, pValue: 0.705, significant: false } },
      // 7/10: 0.644492 ± 0.247719. Against 10/10: pooled 17/20, SE = √(0.85·0.15·0.2) = 0.159687,
      // z = −0.3/0.159687 = −1.8787, p = 0.0603: a 30-point fall that is not significant at n = 10.
      { agencyId: 'housing', name: '市住房和城乡建设局', rank: 3, evaluations: 10, meanScore: 67.5, badReviewRate: 20,
        satisfaction: { rate: 70, low: 39.7, high: 89.2, n: 10 }, change: { points: -30, pValue: 0.0603, significant: false } },
    ]);
  });

  it('compares 2018 with 2017: null change where a side has no evaluations, pValue 1 where everyone was satisfied', async () => {
    const r = await report('xz-2018');
    // 35/50: 0.685730 ± 0.123236 → [56.2, 80.9]. Mean (1375 + 1250 + 1000)/50 = 72.5; bad 5/50 = 10.0.
    // Against 2017's 3/3: points −30.0; pooled 38/53, SE = √(p(1−p)(1/50 + 1/3)) = 0.267765,
    // z = −0.3/0.267765 = −1.1204, p = 0.2625.
    expect(r).toMatchObject({
      respondents: 20, evaluations: 50, satisfaction: { rate: 70, low: 56.2, high: 80.9, n: 50 }, meanScore: 72.5, badReviewRate: 10,
      previous: { campaignId: 'xz-2017', year: 2017, rate: 100 }, change: { points: -30, pValue: 0.2625, significant: false },
    });
    expect(r.agencies).toMatchObject([
      // 10/10 both years: the pooled proportion is 1, so pValue 1 and not significant.
      { agencyId: 'housing', rank: 1, satisfaction: { rate: 100, low: 72.2, high: 100, n: 10 }, change: { points: 0, pValue: 1, significant: false } },
      // Nobody rated the police in 2017: no change, rather than a change of 0.
      { agencyId: 'police', rank: 2, satisfaction: { rate: 75, low: 53.1, high: 88.8, n: 20 }, change: null },
      // 10/20 against 1/1: pooled 11/21, z = −0.9770, p = 0.3286.
      { agencyId: 'tax', rank: 3, satisfaction: { rate: 50, low: 29.9, high: 70.1, n: 20 }, change: { points: -50, pValue: 0.3286, significant: false } },
    ]);
  });

  it('shows a campaign nobody rated yet with null figures and a null change, and the earliest with no previous', async () => {
    const empty = await report('xz-2020');
    expect(empty).toMatchObject({
      respondents: 0, evaluations: 0, satisfaction: { rate: null, low: null, high: null, n: 0 }, meanScore: null, badReviewRate: null,
      previous: { campaignId: 'xz-2019', year: 2019, rate: 82 }, change: null,
    });
    expect(empty.agencies.every((a: { evaluations: number; change: unknown }) => a.evaluations === 0 && a.change === null)).toBe(true);
    expect(await report('xz-2017')).toMatchObject({ evaluations: 3, satisfaction: { rate: 100, low: 43.8, high: 100, n: 3 }, previous: null, change: null });
  });

  it('answers 404 for an unknown campaign', async () => {
    expectProblem(await t.http().get('/v1/reports/campaigns/xz-1999').set(auditor), 404);
  });
});
