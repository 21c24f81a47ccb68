/**
 * Changes while a campaign is open, over HTTP: a later closing (PATCH), an agency added (POST) or
 * put (PUT: added or renamed). Ballots see each at once; the list, the report and the audit
 * history show them; closed campaigns and other roles are refused.
 */
import { ManualClock } from '@survey/application';
import { admin, analyst, auditor, bearer, startApp, TestApp } from './support/app';
import { expectInvalid, expectProblem } from './support/problem';
import { head, openCampaign, registered, submit } from './support/survey';

const DAY = 86_400_000;

describe('campaign changes while open', () => {
  const T0 = Date.now();
  const clock = new ManualClock(new Date(T0));
  let t: TestApp;
  let acme: string;
  beforeAll(async () => {
    t = await startApp({ clock });
    acme = await registered(t, 1);
  });
  afterAll(() => t.close());
  afterEach(() => clock.set(new Date(T0)));

  const patch = (id: string, body: Record<string, unknown>, who = admin) => t.http().patch(`/v1/campaigns/${id}`).set(who).send(body);
  const addAgency = (id: string, body: Record<string, unknown>, who = admin) => t.http().post(`/v1/campaigns/${id}/agencies`).set(who).send(body);
  const putAgency = (id: string, agencyId: string, name: unknown) => t.http().put(`/v1/campaigns/${id}/agencies/${agencyId}`).set(admin).send({ name });

  it('extends the closing: ballots are taken after the old closing at once, and the list shows the new one', async () => {
    const c = await openCampaign(t, 'extend');
    await openCampaign(t, 'not-extended', { closesAt: c.closesAt });
    const later = new Date(Date.parse(c.closesAt) + 7 * DAY).toISOString();
    clock.set(new Date(Date.parse(c.closesAt) - 60_000));
    await submit(t, acme, 'extend', 'tax', { rating: 'satisfied' }).expect(201); // the ballot context now holds the campaign

    const res = await patch('extend', { closesAt: later }).expect(200);
    expect(res.body).toMatchObject({ outcome: 'extended', campaign: { id: 'extend', closesAt: later, status: 'open' } });
    clock.set(new Date(Date.parse(c.closesAt) + 60_000));
    await submit(t, acme, 'extend', 'police', { rating: 'satisfied' }).expect(201);
    expectProblem(await submit(t, acme, 'not-extended', 'police', { rating: 'satisfied' }), 409, /closed/);
    expectProblem(await patch('not-extended', { closesAt: later }), 409, /closed/);

    await t.settle();
    const list = await t.http().get('/v1/campaigns').set(analyst).expect(200);
    expect(list.body.campaigns.find((x: { id: string }) => x.id === 'extend')).toMatchObject({ closesAt: later, status: 'open' });
  });

  it('refuses a closing that is not later (400), another property (400), an unknown campaign (404), a closed one (409)', async () => {
    const c = await openCampaign(t, 'extend-bad');
    const before = await head(t);
    expectInvalid(await patch('extend-bad', { closesAt: c.closesAt }), 'closesAt');
    expectInvalid(await patch('extend-bad', { closesAt: new Date(Date.parse(c.closesAt) - DAY).toISOString() }), 'closesAt');
    expectInvalid(await patch('extend-bad', { closesAt: 'soon' }), 'closesAt');
    expectInvalid(await patch('extend-bad', { closesAt: new Date(Date.parse(c.closesAt) + DAY).toISOString(), title: 'x' }), 'title');
    expectProblem(await patch('nowhere', { closesAt: new Date(Date.parse(c.closesAt) + DAY).toISOString() }), 404);
    expect(await head(t)).toBe(before);
    await t.http().post('/v1/campaigns/extend-bad/close').set(admin).expect(200);
    expectProblem(await patch('extend-bad', { closesAt: new Date(Date.parse(c.closesAt) + DAY).toISOString() }), 409, /closed/);
    expectProblem(await addAgency('extend-bad', { id: 'courts', name: '市法院' }), 409, /closed/);
  });

  it('adds an agency that enterprises can rate at once, refuses its id again, and reports it', async () => {
    await openCampaign(t, 'add');
    expectProblem(await submit(t, acme, 'add', 'courts', { rating: 'satisfied' }), 404, /courts/);
    const res = await addAgency('add', { id: 'courts', name: '市中级人民法院' }).expect(201);
    expect(res.body.outcome).toBe('added');
    expect(res.body.campaign.agencies.at(-1)).toEqual({ id: 'courts', name: '市中级人民法院' });
    await submit(t, acme, 'add', 'courts', { rating: 'very_satisfied' }).expect(201);
    expectProblem(await addAgency('add', { id: 'courts', name: '又一个' }), 409, /already has an agency courts/);
    expectProblem(await addAgency('add', { id: 'tax', name: '市税务局' }), 409);
    expectInvalid(await addAgency('add', { id: 'Courts!', name: '市法院' }), 'id');
    expectInvalid(await addAgency('add', { id: 'courts2' }), 'name');

    await t.settle();
    const report = await t.http().get('/v1/reports/campaigns/add').set(analyst).expect(200);
    expect(report.body.agencies.find((a: { agencyId: string }) => a.agencyId === 'courts')).toMatchObject({ name: '市中级人民法院', rank: 1, evaluations: 1 });
  });

  it('puts an agency: 201 new, 200 renamed, 200 with no event for the same name; 400 for a blank name', async () => {
    await openCampaign(t, 'put');
    const renamed = await putAgency('put', 'tax', '国家税务总局徐州市税务局').expect(200);
    expect(renamed.body.outcome).toBe('renamed');
    const before = await head(t);
    expect((await putAgency('put', 'tax', '国家税务总局徐州市税务局').expect(200)).body.outcome).toBe('unchanged');
    expect(await head(t)).toBe(before);
    expect((await putAgency('put', 'market', '市市场监管局').expect(201)).body.outcome).toBe('added');
    expectProblem(await putAgency('put', 'tax', '   '), 400, /name must not be empty/);
    expectProblem(await putAgency('put', 'Bad_Id', '名'), 400, /agencyId/);
    expectProblem(await putAgency('nowhere', 'tax', '名'), 404);

    const one = await t.http().get('/v1/campaigns/put').set(analyst).expect(200);
    expect(one.body.agencies.map((a: { id: string; name: string }) => `${a.id}:${a.name}`)).toEqual([
      'tax:国家税务总局徐州市税务局', 'police:市公安局', 'housing:市住房和城乡建设局', 'market:市市场监管局',
    ]);
  });

  it('lets only an admin change a campaign, and shows every change in the audit history', async () => {
    const c = await openCampaign(t, 'audited');
    const later = new Date(Date.parse(c.closesAt) + DAY).toISOString();
    expectProblem(await patch('audited', { closesAt: later }, analyst), 403);
    expectProblem(await addAgency('audited', { id: 'courts', name: '市法院' }, auditor), 403);
    expectProblem(await patch('audited', { closesAt: later }, bearer('enterprise', acme)), 403);
    expectProblem(await t.http().patch('/v1/campaigns/audited').send({ closesAt: later }), 401);
    await patch('audited', { closesAt: later }).expect(200);
    await addAgency('audited', { id: 'courts', name: '市法院' }).expect(201);
    await putAgency('audited', 'courts', '市中级人民法院').expect(200);

    const history = await t.http().get('/v1/audit/campaigns/audited/history').set(auditor).expect(200);
    expect(history.body.events.map((e: { type: string; data: unknown }) => [e.type, e.data])).toEqual([
      ['CampaignOpened', expect.objectContaining({ campaignId: 'audited' })],
      ['CampaignClosingExtended', { campaignId: 'audited', closesAt: later, previousClosesAt: c.closesAt }],
      ['CampaignAgencyAdded', { campaignId: 'audited', agencyId: 'courts', name: '市法院' }],
      ['CampaignAgencyRenamed', { campaignId: 'audited', agencyId: 'courts', name: '市中级人民法院', previousName: '市法院' }],
    ]);
    for (const e of history.body.events) expect(e.metadata.actor).toEqual({ role: 'admin', sub: 'admin-1' });
    expectProblem(await t.http().get('/v1/audit/campaigns/audited/history').set(analyst), 403);
    expectProblem(await t.http().get('/v1/audit/campaigns/nowhere/history').set(auditor), 404);
  });
});
