/**
 * Public results: 404 until published, then the published figures only, to anyone without a token,
 * with agencies ranked by satisfaction and the public ranking of bad-review rates.
 * 2019, 10 enterprises: tax 9 satisfied + 1 basically (0 bad), police 7 satisfied + 3 dissatisfied (30% bad),
 * housing 8 satisfied + 1 very dissatisfied + 1 basically (10% bad); enterprise 1 comments on tax.
 */
import { admin, analyst, startApp, TestApp } from './support/app';
import { expectProblem } from './support/problem';
import { openCampaign, rateAll, registered, spread, submit } from './support/survey';

describe('public results', () => {
  let t: TestApp;
  let codes: string[];
  const results = () => t.http().get('/v1/public/campaigns/xz-2019/results');

  beforeAll(async () => {
    t = await startApp();
    await openCampaign(t, 'xz-2019', { year: 2019 });
    codes = await Promise.all(Array.from({ length: 10 }, (_, i) => registered(t, i + 1, { name: `公开测试企业${i + 1}` })));
    await rateAll(t, 'xz-2019', codes, {
      tax: spread({ satisfied: 9, basically_satisfied: 1 }),
      police: spread({ satisfied: 7, dissatisfied: 3 }),
      housing: spread({ very_satisfied: 8, basically_satisfied: 1, very_dissatisfied: 1 }),
    });
    await submit(t, codes[0], 'xz-2019', 'tax', { rating: 'satisfied', comment: 'public-secret-comment' }).expect(200);
    await t.settle();
  });
  afterAll(() => t.close());

  it('is 404 while the campaign is open or closed but not published', async () => {
    expectProblem(await results(), 404);
    await t.http().post('/v1/campaigns/xz-2019/close').set(admin).expect(200);
    expectProblem(await results(), 404);
  });

  it('serves the published figures to anyone, agencies ranked, with the bad-review ranking, lowest first', async () => {
    const published = (await t.http().post('/v1/campaigns/xz-2019/publish').set(admin).expect(200)).body;
    const r = (await results().expect(200)).body;
    // 24 satisfied of 30 = 80.0; bad reviews 4/30 = 13.3.
    expect(r).toMatchObject({ campaignId: 'xz-2019', evaluations: 30, satisfaction: { rate: 80, n: 30 }, badReviewRate: 13.3, publishedAt: published.publishedAt });
    expect(r.agencies.map((a: { agencyId: string; rank: number }) => [a.agencyId, a.rank])).toEqual([['tax', 1], ['housing', 2], ['police', 3]]);
    expect(r.badReviewRanking).toEqual([
      { rank: 1, agencyId: 'tax', name: '市税务局', badReviewRate: 0, evaluations: 10 },
      { rank: 2, agencyId: 'housing', name: '市住房和城乡建设局', badReviewRate: 10, evaluations: 10 },
      { rank: 3, agencyId: 'police', name: '市公安局', badReviewRate: 30, evaluations: 10 },
    ]);
  });

  it('shows the published figures and the log position they were computed at, and nothing about any enterprise', async () => {
    const before = (await results().expect(200)).body;
    await t.settle(); // the live report has folded ResultsPublished too
    const live = (await t.http().get('/v1/reports/campaigns/xz-2019').set(analyst).expect(200)).body;
    const { badReviewRanking, publishedAt, seal, ...figures } = before;
    expect(badReviewRanking).toHaveLength(3);
    expect(publishedAt).toEqual(expect.any(String));
    // Nothing added but the ranking and the time; asOf is the position at publishing, before ResultsPublished itself.
    const { published, ...liveFigures } = live; // the live report's own note on the published figures
    expect(published).toMatchObject({ differs: false, publishedAt });
    expect({ ...figures, asOf: null }).toEqual({ ...liveFigures, asOf: null });
    // After the figures' position: the seal taken before publishing and ResultsPublished (then, at
    // its own pace, the sealer's seal of the publication).
    expect(seal).toMatchObject({ position: Number(figures.asOf.position) });
    expect(Number(live.asOf.position)).toBeGreaterThanOrEqual(Number(figures.asOf.position) + 2);
    const text = JSON.stringify(before);
    for (const code of codes) expect(text).not.toContain(code);
    expect(text).not.toContain('公开测试企业');
    expect(text).not.toContain('public-secret-comment');
  });
});
