/**
 * Enterprises' requests over HTTP on the real app: filing (the enterprise for itself, the centre on
 * its behalf), dispatch to a known agency, accept or return, extensions, resolve, rating (satisfied
 * closes; negative reopens, then escalates; the centre closes it), withdrawal; the queues with their
 * filters and cursor; who sees what (another agency's or enterprise's request is a 404, an invitation
 * link a 403); bad input on every route (field errors, 409 for a wrong step) with nothing appended by
 * any refused request; Idempotency-Key retries, also across a restart of the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig, systemMeta } from '@survey/application';
import { invite } from '../apps/cli/src/invite/invite';
import { admin, analyst, bearer, startApp, TestApp, token } from './support/app';
import { expectInvalid, expectProblem } from './support/problem';
import { creditCode } from './support/fixtures';
import { head, openCampaign, registered } from './support/survey';

jest.setTimeout(90_000);

const centre = bearer('centre', 'staff-1');
const agencyOf = (agencyId: string, sub = `${agencyId}-officer`) => ({ authorization: `Bearer ${token('agency', sub, { agencyId })}` });
const tax = agencyOf('tax');
const police = agencyOf('police');
const enterprise = (code: string) => bearer('enterprise', code);

type RequestBody = {
  requestId: string; status: string; round: number; agencyId: string | null; overdue: string[]; outcome: string | null;
  enterprise: { creditCode: string; name: string | null }; history?: { type: string; by: string; text: string | null }[];
  dispatchDue: string | null; acceptDue: string | null; resolveDue: string | null;
};

const filing = { category: 'approval', title: '办理施工许可', description: '材料已齐，希望尽快办理' };

describe('requests', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-requests-'));
  let t: TestApp;
  let codes: string[];
  /** The first enterprise's invitation link to rq-2019: a real one, which the guard lets through to the routes. */
  let invitation: Record<string, string>;

  beforeAll(async () => {
    t = await startApp({ dataDir });
    await openCampaign(t, 'rq-2019');
    codes = await Promise.all([1, 2, 3].map((n) => registered(t, n, { name: `企业${n}` })));
    await t.settle();
    const { links } = await invite(t.app, t.app.get<AppConfig>(APP_CONFIG), 'rq-2019', { filter: {}, graceDays: 7, meta: systemMeta() });
    invitation = { authorization: `Bearer ${new URL(links.find((l) => l.enterprise.creditCode === codes[0])!.link).hash.slice('#t='.length)}` };
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const file = (who: Record<string, string>, body: object = filing, key?: string) => {
    const call = t.http().post('/v1/requests').set(who);
    return (key === undefined ? call : call.set('Idempotency-Key', key)).send(body);
  };
  const one = (requestId: string, who: Record<string, string>) => t.http().get(`/v1/requests/${requestId}`).set(who);
  const list = (who: Record<string, string>, query = '') => t.http().get(`/v1/requests${query}`).set(who);
  const step = (requestId: string, path: string, who: Record<string, string>, body: object = {}) => t.http().post(`/v1/requests/${requestId}/${path}`).set(who).send(body);
  const steps = (r: RequestBody) => r.history!.map((h) => [h.type, h.by]);

  /** Asserts the refused request appended nothing. */
  async function refused(request: Promise<import('supertest').Response>, status: number, detail?: RegExp) {
    const before = await head(t);
    const body = expectProblem(await request, status, detail);
    expect(await head(t)).toBe(before);
    return body;
  }

  async function filed(who = enterprise(codes[0]), body: object = filing): Promise<string> {
    const res = await file(who, body).expect(201);
    return res.body.requestId as string;
  }

  it('an enterprise files for itself: 201 with the dispatch deadline, online, itself named', async () => {
    const res = await file(enterprise(codes[0])).expect(201);
    expect(res.body).toEqual({ requestId: expect.any(String), status: 'received', dispatchDue: expect.any(String) });
    expect(Date.parse(res.body.dispatchDue)).toBeGreaterThan(Date.now());
    const r = (await one(res.body.requestId, enterprise(codes[0])).expect(200)).body as RequestBody & { channel: string };
    expect(r).toMatchObject({ status: 'received', round: 1, channel: 'online', agencyId: null, enterprise: { creditCode: codes[0], name: '企业1' }, outcome: null, overdue: [] });
    expect(steps(r)).toEqual([['RequestReceived', 'enterprise']]);
  });

  it('the centre files on an enterprise\'s behalf with the channel; both must be right', async () => {
    const res = await file(centre, { ...filing, creditCode: codes[1], channel: '12345', agencyId: 'tax' }).expect(201);
    const r = (await one(res.body.requestId, enterprise(codes[1])).expect(200)).body;
    expect(r).toMatchObject({ channel: '12345', enterprise: { creditCode: codes[1] } });
    expectInvalid(await file(centre, { ...filing, channel: '12345' }), 'creditCode');
    expectInvalid(await file(centre, { ...filing, creditCode: codes[1], channel: 'fax' }), 'channel');
    await refused(file(centre, { ...filing, creditCode: '91310110666007217X', channel: 'phone' }), 422);
    await refused(file(centre, { ...filing, creditCode: creditCode(99), channel: 'phone' }), 404, /not registered/);
  });

  it('plays the loop: dispatch, accept, extension granted, resolve, a satisfied rating closes it', async () => {
    const id = await filed();
    await refused(step(id, 'accept', tax), 404); // not dispatched to tax yet: it does not know of it
    let r = (await step(id, 'dispatch', centre, { agencyId: 'tax' }).expect(200)).body as RequestBody;
    expect(r).toMatchObject({ status: 'dispatched', agencyId: 'tax' });
    expect(Date.parse(r.acceptDue!)).toBeLessThan(Date.parse(r.resolveDue!));
    await refused(step(id, 'accept', police), 404);
    await refused(step(id, 'resolve', tax, { reply: '已办结' }), 409, /accepted/);
    r = (await step(id, 'accept', tax).expect(200)).body;
    expect(r.status).toBe('accepted');
    await refused(step(id, 'accept', tax), 409);
    const dueBefore = r.resolveDue!;
    await step(id, 'extension', tax, { workingDays: 5, reason: '需要现场核查' }).expect(200);
    await refused(step(id, 'extension', tax, { workingDays: 5, reason: '再要' }), 409, /pending|already/);
    r = (await step(id, 'extension/decision', centre, { granted: true }).expect(200)).body;
    expect(Date.parse(r.resolveDue!)).toBeGreaterThan(Date.parse(dueBefore));
    await refused(step(id, 'extension/decision', centre, { granted: true }), 409, /no extension/);
    r = (await step(id, 'resolve', tax, { reply: '已办结，许可证已寄出' }).expect(200)).body;
    expect(r).toMatchObject({ status: 'resolved', reply: { round: 1, text: '已办结，许可证已寄出' } });
    await refused(step(id, 'withdraw', enterprise(codes[0])), 409);
    r = (await step(id, 'rating', enterprise(codes[0]), { level: 'satisfied', comment: '很快' }).expect(200)).body;
    expect(r).toMatchObject({ status: 'closed', outcome: 'satisfied', rating: { level: 'satisfied', comment: '很快' } });
    expect(steps(r)).toEqual([
      ['RequestReceived', 'enterprise'], ['RequestDispatched', 'centre'], ['RequestAccepted', 'agency'], ['RequestExtensionAsked', 'agency'],
      ['RequestExtensionDecided', 'centre'], ['RequestResolved', 'agency'], ['ResolutionRated', 'enterprise'], ['RequestClosed', 'enterprise'],
    ]);
    for (const [path, who, body] of [['dispatch', centre, { agencyId: 'tax' }], ['rating', enterprise(codes[0]), { level: 'satisfied' }], ['resolve', tax, { reply: 'x' }]] as const) {
      await refused(step(id, path, who, body), 409, /closed/);
    }
  });

  it('a return sends it back to the centre; the agency it left still reads it, but takes no step', async () => {
    const id = await filed();
    await step(id, 'dispatch', centre, { agencyId: 'police' }).expect(200);
    expectInvalid(await step(id, 'return', police, { reason: ' ' }), 'reason');
    let r = (await step(id, 'return', police, { reason: '不属于本单位职责' }).expect(200)).body as RequestBody;
    expect(r).toMatchObject({ status: 'returned', agencyId: null });
    expect(Date.parse(r.dispatchDue!)).toBeGreaterThan(Date.now());
    r = (await step(id, 'dispatch', centre, { agencyId: 'tax' }).expect(200)).body;
    expect(r.agencyId).toBe('tax');
    expect((await one(id, police).expect(200)).body.agencyId).toBe('tax');
    await refused(step(id, 'accept', police), 403, /no longer/);
  });

  it('a negative rating reopens it (round 2), a second escalates it, and the centre closes it', async () => {
    const id = await filed();
    await step(id, 'dispatch', centre, { agencyId: 'tax' }).expect(200);
    await step(id, 'accept', tax).expect(200);
    await step(id, 'resolve', tax, { reply: '已答复' }).expect(200);
    let r = (await step(id, 'rating', enterprise(codes[0]), { level: 'dissatisfied' }).expect(200)).body as RequestBody;
    expect(r).toMatchObject({ status: 'accepted', round: 2 });
    await step(id, 'resolve', tax, { reply: '再次答复' }).expect(200);
    r = (await step(id, 'rating', enterprise(codes[0]), { level: 'very_dissatisfied' }).expect(200)).body;
    expect(r).toMatchObject({ status: 'escalated', round: 2 });
    await refused(step(id, 'close', tax, { note: 'x' }), 403);
    r = (await step(id, 'close', centre, { note: '中心协调解决' }).expect(200)).body;
    expect(r).toMatchObject({ status: 'closed', outcome: 'escalated-closed' });
  });

  it('an enterprise withdraws before an answer', async () => {
    const id = await filed();
    await refused(step(id, 'withdraw', enterprise(codes[1])), 404);
    const r = (await step(id, 'withdraw', enterprise(codes[0]), { reason: '已自行解决' }).expect(200)).body;
    expect(r).toMatchObject({ status: 'withdrawn', outcome: 'withdrawn' });
  });

  it('a step answers the request as it stands after it, even when another step got there first', async () => {
    const id = await filed();
    await step(id, 'dispatch', centre, { agencyId: 'tax' }).expect(200);
    await step(id, 'accept', tax).expect(200);
    // Both decided on the same read: the second to append is decided again on a fresh load, so its answer holds both steps.
    const answers = await Promise.all([step(id, 'extension', tax, { workingDays: 3, reason: '需要现场核查' }), step(id, 'withdraw', enterprise(codes[0]), { reason: '已自行解决' })]);
    const final = (await one(id, centre).expect(200)).body as RequestBody;
    const taken = answers.flatMap((a, i) => (a.status === 200 ? [{ own: ['RequestExtensionAsked', 'RequestWithdrawn'][i], answer: a.body as RequestBody }] : []));
    expect(taken.length).toBeGreaterThan(0);
    for (const { own, answer } of taken) {
      expect(steps(final).slice(0, answer.history!.length)).toEqual(steps(answer));
      expect(answer.history!.map((h) => h.type)).toContain(own);
    }
    expect(steps(final).slice(0, 3)).toEqual([['RequestReceived', 'enterprise'], ['RequestDispatched', 'centre'], ['RequestAccepted', 'agency']]);
    // The last to append answers with everything, the other writer's events too.
    const longest = taken.map((x) => x.answer).reduce((a, b) => (b.history!.length > a.history!.length ? b : a));
    expect(steps(longest)).toEqual(steps(final));
  });

  it('dispatches only to an agency the directory knows, and at once to one an admin just registered', async () => {
    const id = await filed();
    await refused(step(id, 'dispatch', centre, { agencyId: 'zoo' }), 404, /directory/);
    await t.http().put('/v1/agencies/zoo').set(admin).send({ name: '市动物园' }).expect(201);
    expect((await step(id, 'dispatch', centre, { agencyId: 'zoo' }).expect(200)).body.agencyId).toBe('zoo');
    await refused(file(enterprise(codes[0]), { ...filing, agencyId: 'no-such' }), 404, /directory/);
  });

  it('who reads what: 404 for another enterprise\'s or agency\'s request; 403 for an invitation link and other roles', async () => {
    const id = await filed();
    await step(id, 'dispatch', centre, { agencyId: 'tax' }).expect(200);
    await one(id, tax).expect(200);
    expectProblem(await one(id, police), 404);
    expectProblem(await one(id, enterprise(codes[2])), 404);
    expectProblem(await one('no-such-request', centre), 404);
    expectProblem(await one(id, invitation), 403);
    expectProblem(await list(invitation), 403);
    await refused(file(invitation), 403);
    expectProblem(await one(id, analyst), 403);
    expectProblem(await list(admin), 403);
    await refused(file(tax), 403);
    await refused(step(id, 'dispatch', tax, { agencyId: 'tax' }), 403);
    await refused(step(id, 'accept', enterprise(codes[0])), 403);
    // an unregistered enterprise may not file
    await refused(file(enterprise(creditCode(99))), 403, /not registered/);
  });

  it('the queues: the centre sees all, an agency what is or was dispatched to it, an enterprise its own; filters and pages', async () => {
    await t.settle();
    const all = (await list(centre, '?limit=500').expect(200)).body.requests as (RequestBody & { category: string })[];
    expect(all.length).toBeGreaterThanOrEqual(8);
    const mine = (await list(enterprise(codes[0]), '?limit=500').expect(200)).body.requests as RequestBody[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.enterprise.creditCode === codes[0])).toBe(true);
    const policeQueue = (await list(police, '?limit=500').expect(200)).body.requests as RequestBody[];
    const everAtPolice = (await list(centre, '?agencyId=police&limit=500').expect(200)).body.requests as RequestBody[];
    expect(policeQueue.length).toBeGreaterThan(0);
    expect(policeQueue).toEqual(everAtPolice);
    expect(policeQueue.some((r) => r.agencyId !== 'police')).toBe(true); // the one returned from police, now at tax
    expect((await list(police, '?agencyId=police&limit=500').expect(200)).body.requests).toEqual(policeQueue);
    expectProblem(await list(police, '?agencyId=tax'), 403);
    const closed = (await list(centre, '?status=closed&limit=500').expect(200)).body.requests as RequestBody[];
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((r) => r.status === 'closed')).toBe(true);
    const open = (await list(centre, '?status=open&limit=500').expect(200)).body.requests as RequestBody[];
    expect(open.every((r) => !['closed', 'withdrawn'].includes(r.status))).toBe(true);
    expect((await list(centre, '?category=finance').expect(200)).body.requests).toEqual([]);
    // pages of 2 give every request once, in the same order as one page
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { requests: RequestBody[]; next: string | null } = (await list(centre, `?limit=2${after ? `&after=${after}` : ''}`).expect(200)).body;
      seen.push(...page.requests.map((r) => r.requestId));
      after = page.next;
    } while (after);
    expect(seen).toEqual(all.map((r) => r.requestId));
    expectInvalid(await list(centre, '?status=lost'), 'status');
    expectInvalid(await list(centre, '?after=bogus'), 'after');
    expectInvalid(await list(centre, '?limit=0'), 'limit');
  });

  it('bad bodies: field errors, nothing written', async () => {
    const before = await head(t);
    expectInvalid(await file(enterprise(codes[0]), { ...filing, category: 'weather' }), 'category');
    expectInvalid(await file(enterprise(codes[0]), { ...filing, title: '题'.repeat(101) }), 'title');
    expectInvalid(await file(enterprise(codes[0]), { ...filing, description: '' }), 'description');
    expectInvalid(await file(enterprise(codes[0]), { ...filing, channel: 'phone' }), 'channel');
    expectInvalid(await file(enterprise(codes[0]), { title: 1 }), 'title');
    expectInvalid(await file(enterprise(codes[0]), { ...filing, extra: true }));
    expectInvalid(await file(enterprise(codes[0]), filing, 'has space'), 'Idempotency-Key');
    expectInvalid(await file(enterprise(codes[0]), filing, 'k'.repeat(201)), 'Idempotency-Key');
    const id = await filed();
    const afterFiling = await head(t);
    expect(afterFiling).toBe(before + 1);
    await step(id, 'dispatch', centre, { agencyId: 'tax' }).expect(200);
    await step(id, 'accept', tax).expect(200);
    const now = await head(t);
    expectInvalid(await step(id, 'extension', tax, { workingDays: 31, reason: '久' }), 'workingDays');
    expectInvalid(await step(id, 'extension', tax, { workingDays: 1.5, reason: '久' }), 'workingDays');
    expectInvalid(await step(id, 'extension/decision', centre, { granted: 'yes' }), 'granted');
    expectInvalid(await step(id, 'resolve', tax, { reply: '答'.repeat(2001) }), 'reply');
    expectInvalid(await step(id, 'dispatch', centre, {}), 'agencyId');
    expect(await head(t)).toBe(now);
  });

  describe('Idempotency-Key', () => {
    it('the same key and body give the same request (200), another body a 422, another caller\'s key its own request', async () => {
      const first = await file(enterprise(codes[2]), filing, 'key-1').expect(201);
      const before = await head(t);
      const again = await file(enterprise(codes[2]), { description: filing.description, title: filing.title, category: filing.category }, 'key-1').expect(200);
      expect(again.body).toEqual(first.body);
      expect(await head(t)).toBe(before);
      const other = await refused(file(enterprise(codes[2]), { ...filing, title: '另一件事' }, 'key-1'), 422);
      expect(other.detail).toMatch(/Idempotency-Key/);
      const theirs = await file(enterprise(codes[1]), filing, 'key-1').expect(201);
      expect(theirs.body.requestId).not.toBe(first.body.requestId);
    });

    it('concurrent retries under one key file one request', async () => {
      const before = await head(t);
      const answers = await Promise.all([1, 2, 3, 4].map(() => file(enterprise(codes[2]), filing, 'key-race')));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.requestId)).size).toBe(1);
      expect(await head(t)).toBe(before + 1);
    });

    it('holds across a restart of the server', async () => {
      const first = await file(enterprise(codes[2]), filing, 'key-restart').expect(201);
      await t.close();
      t = await startApp({ dataDir });
      const before = await head(t);
      expect((await file(enterprise(codes[2]), filing, 'key-restart').expect(200)).body).toEqual(first.body);
      await refused(file(enterprise(codes[2]), { ...filing, category: 'finance' }, 'key-restart'), 422);
      expect(await head(t)).toBe(before);
      expect((await one(first.body.requestId, centre).expect(200)).body.status).toBe('received');
    });
  });
});
