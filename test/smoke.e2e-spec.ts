import { admin, analyst, bearer, startApp, TestApp } from './support/app';
import { aCampaign, aProfile, creditCode } from './support/fixtures';

describe('the survey service end to end', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startApp()));
  afterAll(() => t.close());

  it('takes a rating in and reports it', async () => {
    await t.http().post('/v1/campaigns').set(admin).send(aCampaign('smoke')).expect(201);
    const code = creditCode(1);
    await t.http().put(`/v1/enterprises/${code}`).set(admin).send(aProfile()).expect(201);
    await t.http().put('/v1/campaigns/smoke/evaluations/tax').set(bearer('enterprise', code)).send({ rating: 'satisfied' }).expect(201);
    await t.settle();
    const report = await t.http().get('/v1/reports/campaigns/smoke').set(analyst).expect(200);
    expect(report.body).toMatchObject({ respondents: 1, evaluations: 1, satisfaction: { rate: 100, n: 1 } });
  });
});
