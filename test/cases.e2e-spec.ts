/**
 * Rectification cases over HTTP on the real app: a bad review opens a case within seconds; the
 * centre contacts, the agency reports, the enterprise follows up (satisfied → closed rectified;
 * negative → round 2 → negative → escalated); an upheld appeal takes the rating out of the headline;
 * the queues; the privacy rule on every route that answers a case; 404 for another agency's or
 * enterprise's case, 403 for a role that may not, 409 for a step out of turn, 400 for bad bodies,
 * and nothing appended by any refused step.
 */
import { analyst, bearer, startApp, TestApp, token } from './support/app';
import { expectInvalid, expectProblem } from './support/problem';
import { head, myBallot, openCampaign, registered, submit } from './support/survey';

jest.setTimeout(60_000);

const centre = bearer('centre', 'staff-1');
const agencyOf = (agencyId: string, sub = `${agencyId}-officer`) => ({ authorization: `Bearer ${token('agency', sub, { agencyId })}` });
const tax = agencyOf('tax');
const police = agencyOf('police');
const enterprise = (code: string) => bearer('enterprise', code);

type CaseBody = { caseId: string; status: string; round: number; enterprise: { creditCode: string; name: string | null } | null; outcome: string | null; history?: { type: string; by: string }[] };

describe('rectification cases', () => {
  let t: TestApp;
  let codes: string[];

  beforeAll(async () => {
    t = await startApp();
    await openCampaign(t, 'rc-2019');
    codes = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => registered(t, n, { name: `企业${n}` })));
  });
  afterAll(() => t.close());

  const list = (who: Record<string, string>, query = '') => t.http().get(`/v1/rectification/cases${query}`).set(who);
  const one = (caseId: string, who: Record<string, string>) => t.http().get(`/v1/rectification/cases/${caseId}`).set(who);
  const step = (caseId: string, path: string, who: Record<string, string>, body: object) => t.http().post(`/v1/rectification/cases/${caseId}/${path}`).set(who).send(body);
  const contact = { channel: 'phone', summary: '电话回访，了解情况' };
  const report = { kind: 'rectified', actions: '优化流程，限时办结' };

  /** The case the reactor opens for this enterprise's review of this agency, polled for up to 5 s. */
  async function caseOf(code: string, agencyId = 'tax'): Promise<CaseBody> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const cases = (await myBallot(t, code, 'rc-2019').expect(200)).body.cases as (CaseBody & { agencyId: string; status: string })[];
      const found = cases.filter((c) => c.agencyId === agencyId && c.status !== 'closed').pop();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no case for ${code} within 5 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Asserts the refused request appended nothing. */
  async function refused(request: Promise<import('supertest').Response>, status: number, detail?: RegExp) {
    const before = await head(t);
    expectProblem(await request, status, detail);
    expect(await head(t)).toBe(before);
  }

  it('opens a case for a bad review within seconds, none for a good one, with its deadlines', async () => {
    await submit(t, codes[0], 'rc-2019', 'tax', { rating: 'dissatisfied', comment: '办事拖延' }).expect(201);
    await submit(t, codes[0], 'rc-2019', 'police', { rating: 'satisfied' }).expect(201);
    const opened = await caseOf(codes[0]);
    expect(opened).toMatchObject({ status: 'open', round: 1, level: 'dissatisfied', comment: '办事拖延', agencyName: '市税务局', outcome: null });
    expect(Date.parse((opened as unknown as { contactDue: string }).contactDue)).toBeGreaterThan(Date.now());
    await t.settle();
    const { cases } = (await list(centre, '?campaignId=rc-2019').expect(200)).body;
    expect(cases.filter((c: { agencyId: string }) => c.agencyId === 'police')).toEqual([]);
  });

  it('plays the loop: contact, report, a satisfied follow-up closes it rectified', async () => {
    const c = await caseOf(codes[0]);
    await refused(step(c.caseId, 'report', tax, report), 409, /contact/);
    expect((await step(c.caseId, 'contact', centre, contact).expect(200)).body).toMatchObject({ status: 'contacted' });
    await refused(step(c.caseId, 'follow-up', enterprise(codes[0]), { level: 'satisfied' }), 409, /no report/);
    expect((await step(c.caseId, 'report', tax, report).expect(200)).body).toMatchObject({ status: 'reported', report: { kind: 'rectified', round: 1 } });
    await refused(step(c.caseId, 'report', tax, report), 409, /already reported/);
    const closed = (await step(c.caseId, 'follow-up', enterprise(codes[0]), { level: 'satisfied' }).expect(200)).body;
    expect(closed).toMatchObject({ status: 'closed', outcome: 'rectified', followUp: { level: 'satisfied', round: 1 } });
    expect(closed.history.map((h: { type: string; by: string }) => [h.type, h.by])).toEqual([
      ['RectificationCaseOpened', 'system'], ['EnterpriseContacted', 'centre'], ['RectificationReported', 'agency'],
      ['FollowUpRated', 'enterprise'], ['RectificationCaseClosed', 'enterprise'],
    ]);
    await refused(step(c.caseId, 'close', centre, { outcome: 'explained', note: '已说明' }), 409, /closed/);
  });

  it('reopens on a negative follow-up and escalates on a second one', async () => {
    await submit(t, codes[1], 'rc-2019', 'tax', { rating: 'very_dissatisfied' }).expect(201);
    const c = await caseOf(codes[1]);
    await step(c.caseId, 'contact', centre, contact).expect(200);
    await step(c.caseId, 'report', tax, report).expect(200);
    expect((await step(c.caseId, 'follow-up', enterprise(codes[1]), { level: 'dissatisfied', comment: '还是慢' }).expect(200)).body).toMatchObject({ status: 'contacted', round: 2 });
    await step(c.caseId, 'report', tax, { kind: 'explanation', actions: '政策所限，已解释' }).expect(200);
    const escalated = (await step(c.caseId, 'follow-up', enterprise(codes[1]), { level: 'very_dissatisfied' }).expect(200)).body;
    expect(escalated).toMatchObject({ status: 'escalated', round: 2 });
    expect((await step(c.caseId, 'close', centre, { outcome: 'explained', note: '中心督办后说明' }).expect(200)).body).toMatchObject({ status: 'closed', outcome: 'explained' });
  });

  it('an upheld appeal closes the case and takes the rating out of the headline, once', async () => {
    await submit(t, codes[2], 'rc-2019', 'tax', { rating: 'very_dissatisfied' }).expect(201);
    const c = await caseOf(codes[2]);
    await t.settle();
    const before = (await t.http().get('/v1/reports/campaigns/rc-2019').set(analyst).expect(200)).body;
    await refused(step(c.caseId, 'appeal/decision', centre, { upheld: true, reason: '无申诉' }), 409, /no appeal pending/);
    await step(c.caseId, 'appeal', tax, { reason: '恶意差评：该企业未在本局办理业务' }).expect(200);
    await refused(step(c.caseId, 'appeal', tax, { reason: '再次申诉' }), 409, /already appealed/);
    await refused(step(c.caseId, 'appeal/decision', tax, { upheld: true, reason: '自己决定' }), 403);
    const decided = (await step(c.caseId, 'appeal/decision', centre, { upheld: true, reason: '评价与事实不符' }).expect(200)).body;
    expect(decided).toMatchObject({ status: 'closed', outcome: 'appeal-upheld', appeal: { decision: { upheld: true } } });
    const ballot = (await myBallot(t, codes[2], 'rc-2019').expect(200)).body;
    expect(ballot.invalidated).toEqual([expect.objectContaining({ agencyId: 'tax', reason: 'appeal upheld: 评价与事实不符' })]);
    await t.settle();
    const after = (await t.http().get('/v1/reports/campaigns/rc-2019').set(analyst).expect(200)).body;
    expect(after.evaluations).toBe(before.evaluations - 1);
    const history = (await t.http().get(`/v1/audit/campaigns/rc-2019/ballots/${codes[2]}`).set(bearer('auditor', 'auditor-1')).expect(200)).body.events;
    const invalidations = history.filter((e: { type: string }) => e.type === 'EvaluationInvalidated');
    expect(invalidations).toHaveLength(1);
    expect(invalidations[0].metadata.actor).toEqual({ role: 'centre', sub: 'staff-1' });
  });

  describe('privacy and access', () => {
    let withoutConsent: CaseBody;
    let withConsent: CaseBody;
    beforeAll(async () => {
      await submit(t, codes[3], 'rc-2019', 'tax', { rating: 'dissatisfied' }).expect(201);
      await submit(t, codes[4], 'rc-2019', 'tax', { rating: 'dissatisfied', contactConsent: true }).expect(201);
      [withoutConsent, withConsent] = [await caseOf(codes[3]), await caseOf(codes[4])];
      await t.settle();
    });

    it('an agency without consent sees enterprise: null on every route that answers a case; with consent, the code and the name', async () => {
      expect((await one(withoutConsent.caseId, tax).expect(200)).body.enterprise).toBeNull();
      expect((await one(withConsent.caseId, tax).expect(200)).body.enterprise).toEqual({ creditCode: codes[4], name: '企业5' });
      const queue = (await list(tax, '?status=open').expect(200)).body.cases as CaseBody[];
      expect(queue.find((c) => c.caseId === withoutConsent.caseId)!.enterprise).toBeNull();
      expect(queue.find((c) => c.caseId === withConsent.caseId)!.enterprise).toEqual({ creditCode: codes[4], name: '企业5' });
      expect(JSON.stringify(queue)).not.toContain(codes[3]);
      // The answer to the agency's own step keeps the rule too.
      const appealed = (await step(withoutConsent.caseId, 'appeal', tax, { reason: '申诉' }).expect(200)).body;
      expect(appealed.enterprise).toBeNull();
      expect(JSON.stringify(appealed)).not.toContain(codes[3]);
    });

    it('the centre and the enterprise itself see who it is', async () => {
      expect((await one(withoutConsent.caseId, centre).expect(200)).body.enterprise).toEqual({ creditCode: codes[3], name: '企业4' });
      expect((await one(withoutConsent.caseId, enterprise(codes[3])).expect(200)).body.enterprise).toEqual({ creditCode: codes[3], name: '企业4' });
      expect((await myBallot(t, codes[3], 'rc-2019').expect(200)).body.cases[0].enterprise).toEqual({ creditCode: codes[3], name: '企业4' });
    });

    it('the agency records the contact itself only with consent', async () => {
      await refused(step(withoutConsent.caseId, 'contact', tax, contact), 403, /consent/);
      expect((await step(withConsent.caseId, 'contact', tax, contact).expect(200)).body.status).toBe('contacted');
    });

    it('another agency’s or enterprise’s case is a 404 for reading and for every step; unknown ones too', async () => {
      for (const [who, caseId] of [[police, withConsent.caseId], [enterprise(codes[5]), withConsent.caseId], [centre, 'no-such-case'], [tax, '__proto__']] as const) {
        await refused(one(caseId, who), 404);
        for (const [path, body] of [['contact', contact], ['report', report], ['follow-up', { level: 'satisfied' }], ['appeal', { reason: 'x' }], ['appeal/decision', { upheld: false, reason: 'x' }], ['close', { outcome: 'unreachable', note: 'x' }]] as const) {
          await refused(step(caseId, path, who, body), 404);
        }
      }
    });

    it('a role that may not take a step is a 403: the agency closing, the enterprise reporting, an analyst reading', async () => {
      await refused(step(withConsent.caseId, 'close', tax, { outcome: 'rectified', note: '自行关闭' }), 403);
      await refused(step(withConsent.caseId, 'report', enterprise(codes[4]), report), 403);
      await refused(step(withConsent.caseId, 'follow-up', tax, { level: 'satisfied' }), 403);
      await refused(one(withConsent.caseId, analyst), 403);
      await refused(list(analyst), 403);
      await refused(list(enterprise(codes[4])), 403);
    });

    it('an agency lists its own agency only: another agencyId is a 403', async () => {
      await refused(list(tax, '?agencyId=police'), 403);
      const own = (await list(tax, '?agencyId=tax').expect(200)).body.cases as { agencyId: string }[];
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((c) => c.agencyId === 'tax')).toBe(true);
      expect((await list(police).expect(200)).body.cases).toEqual([]);
    });

    it('an agency token without agencyId is a 401', async () => {
      expectProblem(await list({ authorization: `Bearer ${token('agency', 'nobody')}` }), 401, /agencyId/);
    });
  });

  it('queues put overdue cases first, then by due date, a page at a time', async () => {
    await t.settle();
    const all = (await list(centre, '?campaignId=rc-2019').expect(200)).body.cases as CaseBody[];
    const pages: CaseBody[] = [];
    let after: string | null = null;
    do {
      const query: string = `?campaignId=rc-2019&limit=2${after ? `&after=${after}` : ''}`;
      const page = (await list(centre, query).expect(200)).body as { cases: CaseBody[]; next: string | null };
      expect(page.cases.length).toBeLessThanOrEqual(2);
      pages.push(...page.cases);
      after = page.next;
    } while (after);
    expect(pages.map((c) => c.caseId)).toEqual(all.map((c) => c.caseId));
    const open = all.filter((c) => c.status !== 'closed');
    expect(all.slice(0, open.length).map((c) => c.caseId)).toEqual(open.map((c) => c.caseId));
    const dues = open.map((c) => (c as unknown as { contactDue: string }).contactDue);
    expect(dues.length).toBeGreaterThan(1);
    const closed = (await list(centre, '?status=closed').expect(200)).body.cases as CaseBody[];
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((c) => c.status === 'closed')).toBe(true);
  });

  it('refuses bad input with field errors and appends nothing', async () => {
    await submit(t, codes[5], 'rc-2019', 'tax', { rating: 'dissatisfied' }).expect(201);
    const c = await caseOf(codes[5]);
    const before = await head(t);
    expectInvalid(await step(c.caseId, 'contact', centre, { channel: 'pigeon', summary: 'x' }), 'channel');
    expectInvalid(await step(c.caseId, 'contact', centre, { channel: 'phone' }), 'summary');
    expectInvalid(await step(c.caseId, 'contact', centre, { channel: 'phone', summary: 'x', extra: 1 }));
    expectInvalid(await step(c.caseId, 'contact', centre, { channel: 'phone', summary: 'x'.repeat(2001) }), 'summary');
    expectInvalid(await step(c.caseId, 'appeal/decision', centre, { upheld: 'yes', reason: 'x' }), 'upheld');
    expectInvalid(await step(c.caseId, 'close', centre, { outcome: 'appeal-upheld', note: 'x' }), 'outcome');
    expectInvalid(await list(centre, '?status=late'), 'status');
    expectInvalid(await list(centre, '?limit=0'), 'limit');
    expectInvalid(await list(centre, '?after=not-a-cursor'), 'after');
    expectInvalid(await submit(t, codes[5], 'rc-2019', 'police', { rating: 'dissatisfied', contactConsent: 'yes' }), 'contactConsent');
    expect(await head(t)).toBe(before);
  });
});
