/**
 * An auditor invalidates an evaluation: it leaves every live figure, the history keeps it, the
 * enterprise sees it with the reason. After publishing, the published figures stay as they were
 * and the live report says by how much it now differs from them.
 */
import { admin, analyst, auditor, bearer, startApp, TestApp } from './support/app';
import { creditCode } from './support/fixtures';
import { expectInvalid, expectProblem } from './support/problem';
import { myBallot, openCampaign, rateAll, registered, submit } from './support/survey';

describe('invalidating an evaluation', () => {
  let t: TestApp;
  let codes: string[];
  const invalidate = (code: string, agencyId: string, body: unknown = { reason: '同一企业重复评议 duplicate ballot' }, who = auditor, campaignId = 'inv-2019') =>
    t.http().post(`/v1/audit/campaigns/${campaignId}/ballots/${code}/evaluations/${agencyId}/invalidate`).set(who).send(body as object);
  const report = async () => {
    await t.settle();
    return (await t.http().get('/v1/reports/campaigns/inv-2019').set(analyst).expect(200)).body;
  };

  beforeAll(async () => {
    t = await startApp();
    await openCampaign(t, 'inv-2019');
    codes = await Promise.all([1, 2, 3, 4].map((n) => registered(t, n)));
    // tax: 3 of 4 satisfied (75.0); police: enterprise 1 only, satisfied.
    await rateAll(t, 'inv-2019', codes, { tax: ['very_satisfied', 'satisfied', 'satisfied', 'dissatisfied'], police: ['satisfied'] });
  });
  afterAll(() => t.close());

  it('takes the rating out of every live figure, keeps it in the history, and shows the enterprise why', async () => {
    expect(await report()).toMatchObject({ respondents: 4, evaluations: 5, satisfaction: { rate: 80, n: 5 } });
    const res = await invalidate(codes[1], 'tax').expect(200);
    expect(res.body).toEqual({ campaignId: 'inv-2019', creditCode: codes[1], agencyId: 'tax', reason: '同一企业重复评议 duplicate ballot' });

    const r = await report();
    expect(r).toMatchObject({ respondents: 3, evaluations: 4, satisfaction: { rate: 75, n: 4 }, badReviewRate: 25 });
    expect(r.published).toBeUndefined();
    expect(r.agencies.find((a: { agencyId: string }) => a.agencyId === 'tax')).toMatchObject({ evaluations: 3, satisfaction: { rate: 66.7 } });

    const history = (await t.http().get(`/v1/audit/campaigns/inv-2019/ballots/${codes[1]}`).set(auditor).expect(200)).body.events;
    expect(history.map((e: { type: string }) => e.type)).toEqual(['EvaluationSubmitted', 'EvaluationInvalidated']);
    expect(history[1]).toMatchObject({
      data: { campaignId: 'inv-2019', creditCode: codes[1], agencyId: 'tax', reason: '同一企业重复评议 duplicate ballot' },
      metadata: { actor: { role: 'auditor', sub: 'auditor-1' } },
    });

    const mine = (await myBallot(t, codes[1], 'inv-2019').expect(200)).body;
    expect(mine).toEqual({
      campaignId: 'inv-2019', evaluations: [],
      invalidated: [{ agencyId: 'tax', reason: '同一企业重复评议 duplicate ballot', at: history[1].metadata.recordedAt }],
      cases: [], // its rating was satisfied: no rectification case
    });
  });

  it('answers 404 when nothing is current (never rated, already invalidated), and for an unknown campaign or agency', async () => {
    expectProblem(await invalidate(codes[1], 'tax'), 404, /no current evaluation/);
    expectProblem(await invalidate(codes[2], 'housing'), 404, /no current evaluation/);
    expectProblem(await invalidate(creditCode(99), 'tax'), 404, /no current evaluation/);
    expectProblem(await invalidate(codes[2], 'zoo'), 404, /scope/);
    expectProblem(await invalidate(codes[2], 'tax', undefined, auditor, 'nowhere'), 404, /nowhere/);
  });

  it.each<[string, unknown, string]>([
    ['no reason', {}, 'reason'],
    ['an empty reason', { reason: '' }, 'reason'],
    ['a blank reason', { reason: '   ' }, 'reason'],
    ['a reason of 501 characters', { reason: '错'.repeat(501) }, 'reason'],
    ['a reason that is not a string', { reason: 42 }, 'reason'],
    ['an unknown property', { reason: 'ok', extra: 1 }, 'extra'],
  ])('answers 400 for %s', async (_, body, field) => {
    expectInvalid(await invalidate(codes[2], 'tax', body), field);
  });

  it('accepts a reason of exactly 500 characters', async () => {
    await submit(t, codes[3], 'inv-2019', 'housing', { rating: 'satisfied' }).expect(201);
    await invalidate(codes[3], 'housing', { reason: '重'.repeat(500) }).expect(200);
  });

  it('is for auditors only (401, 403), and a malformed credit code is 422', async () => {
    expectProblem(await t.http().post(`/v1/audit/campaigns/inv-2019/ballots/${codes[2]}/evaluations/tax/invalidate`).send({ reason: 'x' }), 401);
    for (const who of [analyst, admin, bearer('enterprise', codes[2])]) expectProblem(await invalidate(codes[2], 'tax', undefined, who), 403);
    expectProblem(await invalidate('91310110666007217U', 'tax'), 422, /credit code/);
  });

  it('after publishing: the published figures stay, the live report says it differs and by how much', async () => {
    await t.http().post('/v1/campaigns/inv-2019/close').set(admin).expect(200);
    const published = (await t.http().post('/v1/campaigns/inv-2019/publish').set(admin).expect(200)).body.published;
    expect(published).toMatchObject({ respondents: 3, evaluations: 4, satisfaction: { rate: 75 } });
    expect((await report()).published).toMatchObject({ rate: 75, respondents: 3, evaluations: 4, differs: false, differsBy: { points: 0, respondents: 0, evaluations: 0 } });

    await invalidate(codes[0], 'tax', { reason: 'rated by a former employee' }).expect(200);
    const live = await report();
    // Left: tax satisfied (enterprise 3), tax dissatisfied (4), police satisfied (1): 2 of 3 = 66.7.
    expect(live).toMatchObject({ respondents: 3, evaluations: 3, satisfaction: { rate: 66.7 } });
    expect(live.published).toEqual({
      publishedAt: expect.any(String), position: Number(published.asOf.position),
      rate: 75, respondents: 3, evaluations: 4, differs: true, differsBy: { points: -8.3, respondents: 0, evaluations: -1 },
    });
    const shown = (await t.http().get('/v1/public/campaigns/inv-2019/results').expect(200)).body;
    expect(shown).toMatchObject({ respondents: 3, evaluations: 4, satisfaction: { rate: 75 } });
  });
});
