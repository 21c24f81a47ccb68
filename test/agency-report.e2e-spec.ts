/**
 * One agency's detail on known ratings (the world of support/segment-world.ts), every figure
 * worked out by hand (DESIGN "Statistics"), with the segment cells under SUPPRESSION_K = 5
 * respondents hidden and their complements.
 */
import { analyst, bearer, startApp, TestApp } from './support/app';
import { expectProblem } from './support/problem';
import { segmentWorld } from './support/segment-world';

describe('the agency detail report', () => {
  let t: TestApp;
  let codes: string[];
  const detail = async (path: string) => (await t.http().get(`/v1/reports/campaigns/${path}`).set(analyst).expect(200)).body;

  beforeAll(async () => {
    t = await startApp();
    codes = await segmentWorld(t);
    await t.settle();
  });
  afterAll(() => t.close());

  it('gives the agency’s rate, mean score, bad reviews and change, each rate with n and its Wilson interval', async () => {
    const r = await detail('xz-2019/agencies/tax');
    // 14/20 = 70.0; centre 0.667774 ± 0.186751 → [48.1, 85.5]. Scores 7·100 + 7·75 + 3·50 + 2·25 + 0 = 1425 → 71.25 → 71.3.
    // Bad reviews 3/20 = 15.0; Wilson centre 0.206396 ± 0.154028 → [5.2, 36.0].
    // Against 2018's 10/20: +20.0 points; pooled 0.6, SE = √(0.24·0.1) = 0.154919, z = 1.2910, p = 0.1967.
    expect(r).toMatchObject({
      campaignId: 'xz-2019', year: 2019, agencyId: 'tax', name: '市税务局', respondents: 20, evaluations: 20,
      satisfaction: { rate: 70, low: 48.1, high: 85.5, n: 20 }, meanScore: 71.3, badReviewRate: 15,
      badReviews: { rate: 15, low: 5.2, high: 36, n: 20 },
      previous: { campaignId: 'xz-2018', year: 2018, rate: 50 }, change: { points: 20, pValue: 0.1967, significant: false },
      suppressionK: 5, asOf: { position: expect.stringMatching(/^\d+$/) },
    });
  });

  it('breaks it down per question: all 20 answered efficiency, 3 attitude (suppressed), nobody the rest', async () => {
    const r = await detail('xz-2019/agencies/tax');
    expect(r.questions).toEqual([
      { questionId: 'efficiency', text: '办事效率 Efficiency', n: 20, satisfaction: { rate: 70, low: 48.1, high: 85.5, n: 20 }, meanScore: 71.3, badReviews: { rate: 15, low: 5.2, high: 36, n: 20 } },
      { questionId: 'attitude', text: '服务态度 Attitude', suppressed: true },
      { questionId: 'integrity', text: '廉洁自律 Integrity', n: 0, satisfaction: { rate: null, low: null, high: null, n: 0 }, meanScore: null, badReviews: { rate: null, low: null, high: null, n: 0 } },
      { questionId: 'policy', text: '政策落实 Policy implementation', n: 0, satisfaction: { rate: null, low: null, high: null, n: 0 }, meanScore: null, badReviews: { rate: null, low: null, high: null, n: 0 } },
    ]);
  });

  it('breaks it down per segment, hiding cells under 5 respondents and one more where a single hidden cell could be recovered', async () => {
    const { segments } = await detail('xz-2019/agencies/tax');
    // District: 贾汪区 has 2 (hidden); 20 − 12 shown would give it away, so the next smallest, 云龙区 (6), is hidden too.
    // 鼓楼区 10/12: centre 0.752500 ± 0.200536 → [55.2, 95.3]; scores 975/12 = 81.25 → 81.3; bad 1/12 → 8.3, centre 0.184375 ± 0.169511 → [1.5, 35.4].
    expect(segments.district).toEqual([
      { value: '云龙区', suppressed: true },
      { value: '贾汪区', suppressed: true },
      { value: '鼓楼区', respondents: 12, n: 12, satisfaction: { rate: 83.3, low: 55.2, high: 95.3, n: 12 }, meanScore: 81.3, badReviews: { rate: 8.3, low: 1.5, high: 35.4, n: 12 } },
    ]);
    // Industry: C 11/15 → 73.3 [48.0, 89.1]; F 3/5 → 60.0 [23.1, 88.2]: both at least k, both shown.
    expect(segments.industry).toMatchObject([
      { value: 'C', respondents: 15, satisfaction: { rate: 73.3, low: 48, high: 89.1, n: 15 } },
      { value: 'F', respondents: 5, satisfaction: { rate: 60, low: 23.1, high: 88.2, n: 5 } },
    ]);
    // Size: micro has 3 (hidden); its complement is medium (7), the next smallest; small 9/10 → 90.0 [59.6, 98.2].
    expect(segments.size).toEqual([
      { value: 'micro', suppressed: true },
      { value: 'small', respondents: 10, n: 10, satisfaction: { rate: 90, low: 59.6, high: 98.2, n: 10 }, meanScore: 87.5, badReviews: { rate: 0, low: 0, high: 27.8, n: 10 } },
      { value: 'medium', suppressed: true },
    ]);
  });

  it('never shows a credit code, an enterprise name or a comment', async () => {
    const text = JSON.stringify(await detail('xz-2019/agencies/tax'));
    for (const code of codes) expect(text).not.toContain(code);
    expect(text).not.toContain('样本企业');
    expect(text).not.toContain('secret-comment');
  });

  it('takes SUPPRESSION_K from the configuration', async () => {
    const strict = await startApp({ dataDir: t.dataDir, config: { suppressionK: 13 } });
    try {
      await strict.settle();
      const r = (await strict.http().get('/v1/reports/campaigns/xz-2019/agencies/tax').set(analyst).expect(200)).body;
      // 鼓楼区 (12) is now under k as well: the whole district row is hidden; C (15) and F (5): F hidden, and C as its complement.
      expect(r.suppressionK).toBe(13);
      expect(r.segments.district.every((c: { suppressed?: boolean }) => c.suppressed)).toBe(true);
      expect(r.segments.industry).toEqual([{ value: 'C', suppressed: true }, { value: 'F', suppressed: true }]);
      expect(r.questions[0]).toMatchObject({ questionId: 'efficiency', n: 20 });
    } finally {
      await strict.app.close();
    }
  });

  it('answers 404 for an unknown agency or campaign, 403 to an enterprise, 401 without a token', async () => {
    expectProblem(await t.http().get('/v1/reports/campaigns/xz-2019/agencies/zoo').set(analyst), 404);
    expectProblem(await t.http().get('/v1/reports/campaigns/xz-1999/agencies/tax').set(analyst), 404);
    expectProblem(await t.http().get('/v1/reports/campaigns/xz-2019/agencies/tax').set(bearer('enterprise', codes[0])), 403);
    expectProblem(await t.http().get('/v1/reports/campaigns/xz-2019/agencies/tax'), 401);
  });
});
