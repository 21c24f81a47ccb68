/** Campaigns over HTTP: opening with defaults and its 400/409s, status by clock and by command, close, publish. */
import { admin, analyst, startApp, TestApp } from './support/app';
import { aCampaign } from './support/fixtures';
import { expectInvalid, expectProblem } from './support/problem';
import { openCampaign, registered, submit, withdraw } from './support/survey';

const DAY = 86_400_000;

describe('campaigns', () => {
  let t: TestApp;
  let acme: string;
  beforeAll(async () => {
    t = await startApp();
    acme = await registered(t, 1);
  });
  afterAll(() => t.close());

  const open = (body: Record<string, unknown>) => t.http().post('/v1/campaigns').set(admin).send(body);
  const close = (id: string) => t.http().post(`/v1/campaigns/${id}/close`).set(admin);
  const publish = (id: string) => t.http().post(`/v1/campaigns/${id}/publish`).set(admin);
  const results = (id: string) => t.http().get(`/v1/public/campaigns/${id}/results`);

  it('opens with 201, the four default questions and the five-level scale, and reads back the same', async () => {
    const res = await open(aCampaign('defaults')).expect(201);
    expect(res.body).toMatchObject({ id: 'defaults', year: 2019, status: 'open', closedAt: null, publishedAt: null });
    expect(res.body.questions.map((q: { id: string }) => q.id)).toEqual(['efficiency', 'attitude', 'integrity', 'policy']);
    expect(res.body.scale.map(({ id, score, satisfied, negative }: Record<string, unknown>) => [id, score, satisfied, negative])).toEqual([
      ['very_satisfied', 100, true, false],
      ['satisfied', 75, true, false],
      ['basically_satisfied', 50, false, false],
      ['dissatisfied', 25, false, true],
      ['very_dissatisfied', 0, false, true],
    ]);
    const one = await t.http().get('/v1/campaigns/defaults').set(analyst).expect(200);
    expect(one.body).toEqual(res.body);
  });

  it('refuses an id that exists with 409, and leaves the first campaign as it was', async () => {
    await openCampaign(t, 'twice');
    expectProblem(await open(aCampaign('twice', { title: 'another' })), 409, /twice/);
    const one = await t.http().get('/v1/campaigns/twice').set(admin).expect(200);
    expect(one.body.title).toBe('评议 twice');
  });

  it.each([
    ['equal to opensAt', 0],
    ['before opensAt', -DAY],
  ])('refuses closesAt %s with 400 naming closesAt', async (_, offset) => {
    const opensAt = new Date(Date.now() - DAY).toISOString();
    const closesAt = new Date(Date.parse(opensAt) + offset).toISOString();
    expectInvalid(await open(aCampaign('bad-window', { opensAt, closesAt })), 'closesAt');
  });

  it('refuses a campaign without agencies, or with an unknown property, with 400', async () => {
    expectInvalid(await open(aCampaign('no-agencies', { agencies: [] })), 'agencies');
    expectInvalid(await open(aCampaign('extra', { colour: 'red' })), 'colour');
    await t.http().get('/v1/campaigns/no-agencies').set(admin).expect(404);
    await t.http().get('/v1/campaigns/extra').set(admin).expect(404);
  });

  it('shows each campaign with its status: scheduled, open, closed', async () => {
    await openCampaign(t, 'later', { opensAt: new Date(Date.now() + DAY).toISOString(), closesAt: new Date(Date.now() + 9 * DAY).toISOString() });
    await openCampaign(t, 'running');
    await openCampaign(t, 'ended');
    await close('ended').expect(200);
    const status = async (id: string) => (await t.http().get(`/v1/campaigns/${id}`).set(analyst).expect(200)).body.status;
    expect([await status('later'), await status('running'), await status('ended')]).toEqual(['scheduled', 'open', 'closed']);
    await t.settle();
    const list = await t.http().get('/v1/campaigns').set(analyst).expect(200);
    const byId = Object.fromEntries(list.body.campaigns.map((c: { id: string; status: string }) => [c.id, c.status]));
    expect(byId).toMatchObject({ later: 'scheduled', running: 'open', ended: 'closed' });
  });

  it('answers 404 for an unknown campaign', async () => {
    expectProblem(await t.http().get('/v1/campaigns/nowhere').set(analyst), 404, /nowhere/);
    expectProblem(await close('nowhere'), 404);
    expectProblem(await publish('nowhere'), 404);
  });

  it('closes with 200; then takes no submission (409) and cannot be closed again (409)', async () => {
    await openCampaign(t, 'closing');
    await submit(t, acme, 'closing', 'tax', { rating: 'satisfied' }).expect(201);
    const closed = await close('closing').expect(200);
    expect(closed.body).toMatchObject({ id: 'closing', status: 'closed', closedAt: expect.any(String) });
    expectProblem(await submit(t, acme, 'closing', 'police', { rating: 'satisfied' }), 409, /closed/);
    expectProblem(await submit(t, acme, 'closing', 'tax', { rating: 'dissatisfied' }), 409);
    expectProblem(await withdraw(t, acme, 'closing', 'tax'), 409);
    expectProblem(await close('closing'), 409, /already closed/);
  });

  it('takes no submission before it opens (409)', async () => {
    await openCampaign(t, 'not-yet', { opensAt: new Date(Date.now() + DAY).toISOString(), closesAt: new Date(Date.now() + 2 * DAY).toISOString() });
    expectProblem(await submit(t, acme, 'not-yet', 'tax', { rating: 'satisfied' }), 409, /scheduled/);
  });

  describe('publishing', () => {
    it('refuses an open campaign with 409, and has no public results until published (404)', async () => {
      await openCampaign(t, 'pub-open');
      expectProblem(await publish('pub-open'), 409, /open/);
      expectProblem(await results('pub-open'), 404);
      expectProblem(await results('nowhere'), 404);
    });

    it('publishes a closed campaign once (200, then 409) and serves those figures, frozen, to anyone', async () => {
      await openCampaign(t, 'pub-2019', { year: 2019 });
      await submit(t, acme, 'pub-2019', 'tax', { rating: 'very_satisfied' }).expect(201);
      await submit(t, acme, 'pub-2019', 'police', { rating: 'dissatisfied' }).expect(201);
      await close('pub-2019').expect(200);
      await t.settle();
      expectProblem(await results('pub-2019'), 404);
      const live = (await t.http().get('/v1/reports/campaigns/pub-2019').set(analyst).expect(200)).body;
      expect(live).toMatchObject({ respondents: 1, evaluations: 2, satisfaction: { rate: 50, n: 2 }, previous: null, change: null });

      const published = await publish('pub-2019').expect(200);
      expect(published.body).toMatchObject({ status: 'published', publishedAt: expect.any(String), published: live });
      await t.settle(); // public results come from the read model, which folds ResultsPublished a moment later
      const shown = await results('pub-2019').expect(200);
      expect(shown.body).toEqual({ ...live, badReviewRanking: expect.any(Array), publishedAt: published.body.publishedAt, seal: published.body.seal });
      expect(published.body.seal).toMatchObject({ position: expect.any(Number), rollingHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expectProblem(await publish('pub-2019'), 409, /already published/);
      expect((await t.http().get('/v1/campaigns/pub-2019').set(analyst)).body.status).toBe('published');

      // A later change that moves the live report (an earlier year now exists to compare with)
      // leaves the published figures as they were.
      await openCampaign(t, 'pub-2018', { year: 2018 });
      await submit(t, acme, 'pub-2018', 'tax', { rating: 'dissatisfied' }).expect(201);
      await t.settle();
      const moved = (await t.http().get('/v1/reports/campaigns/pub-2019').set(analyst).expect(200)).body;
      expect(moved.previous).toEqual({ campaignId: 'pub-2018', year: 2018, rate: 0 });
      expect((await results('pub-2019').expect(200)).body).toEqual(shown.body);
    });
  });
});
