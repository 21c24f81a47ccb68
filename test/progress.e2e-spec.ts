/**
 * Response progress over HTTP, with numbers worked out by hand: invited, responded and the rate
 * overall, per agency and per district; the non-respondents as JSON pages and as a CSV for
 * reminders; admins only. Invitations are the invitations feature's events (InvitationsIssued,
 * InvitationRevoked on `invitations-{campaignId}`), appended here as that feature appends them.
 */
import { randomUUID } from 'node:crypto';
import type { InvitationEvent } from '@survey/domain';
import { issued, revoked } from '@survey/domain/testing';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { admin, analyst, auditor, bearer, startApp, TestApp } from './support/app';
import { creditCode } from './support/fixtures';
import { expectProblem } from './support/problem';
import { openCampaign, registered, submit, withdraw } from './support/survey';

const ID = 'prog-2020';

describe('response progress for admins', () => {
  let t: TestApp;
  const code = (n: number) => creditCode(n);

  const invitations = async (...events: InvitationEvent[]) => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const metadata = () => ({ schemaVersion: 1, recordedAt: new Date().toISOString(), actor: { role: 'admin' as const, sub: 'admin-1' }, correlationId: randomUUID(), causationId: randomUUID() });
    await store.append(`invitations-${events[0].data.campaignId}`, events.map((e) => ({ id: randomUUID(), ...e, metadata: metadata() })), 'any');
  };
  const inviteAll = (...ns: number[]) => issued(ns.map(code), new Date().toISOString(), '2099-01-01T00:00:00.000Z', ID);
  const revoke = (n: number) => revoked(code(n), new Date().toISOString(), '企业注销', ID);
  const get = (path: string, who = admin) => t.http().get(`/v1/admin/campaigns/${path}`).set(who);

  beforeAll(async () => {
    t = await startApp();
    await openCampaign(t, ID);
    // 1–6 in 鼓楼区 (5 with a name a spreadsheet would run), 7–9 in 泉山区, 10 in 贾汪区; 11 is never invited.
    for (let n = 1; n <= 11; n++) {
      const district = n <= 6 || n === 11 ? '鼓楼区' : n <= 9 ? '泉山区' : '贾汪区';
      await registered(t, n, { district, name: n === 5 ? '=徐州, "某某"公司' : `徐州第${n}号公司` });
    }
    await invitations(inviteAll(1, 2, 3, 4, 5, 6, 7, 8), inviteAll(9, 10), revoke(10));
    const rate = (n: number, agencyId: string) => submit(t, code(n), ID, agencyId, { rating: 'satisfied' }).expect(201);
    await rate(1, 'tax');
    await rate(1, 'police');
    await rate(2, 'tax');
    await rate(3, 'housing');
    await withdraw(t, code(3), ID, 'housing').expect(204);
    await rate(7, 'tax');
    await rate(8, 'police');
    await rate(11, 'tax');
    await t.http().post(`/v1/campaigns/${ID}/agencies`).set(admin).send({ id: 'courts', name: '市中级人民法院' }).expect(201);
    await t.settle();
  });
  afterAll(() => t.close());

  it('counts invited and responded overall, per agency (rated it) and per district', async () => {
    const res = await get(`${ID}/progress`).expect(200);
    expect(res.body).toEqual({
      campaignId: ID, status: 'open',
      invited: 9, responded: 4, responseRate: 44.4, respondedWithoutInvitation: 1,
      agencies: [
        { agencyId: 'tax', name: '市税务局', responded: 3, responseRate: 33.3 },
        { agencyId: 'police', name: '市公安局', responded: 2, responseRate: 22.2 },
        { agencyId: 'housing', name: '市住房和城乡建设局', responded: 0, responseRate: 0 },
        { agencyId: 'courts', name: '市中级人民法院', responded: 0, responseRate: 0 },
      ],
      districts: [
        { district: '泉山区', invited: 3, responded: 2, responseRate: 66.7 },
        { district: '鼓楼区', invited: 6, responded: 2, responseRate: 33.3 },
      ],
      asOf: { position: expect.any(Number), recordedAt: expect.any(String) },
    });
  });

  it('lists the invited enterprises that have not responded, a page at a time', async () => {
    const page = async (query: string) => (await get(`${ID}/non-respondents${query}`).expect(200)).body;
    const first = await page('?limit=2');
    expect(first).toEqual({
      campaignId: ID, next: code(4),
      nonRespondents: [{ creditCode: code(3), name: '徐州第3号公司', district: '鼓楼区' }, { creditCode: code(4), name: '徐州第4号公司', district: '鼓楼区' }],
    });
    const second = await page(`?limit=2&after=${first.next}`);
    expect(second.nonRespondents.map((r: { creditCode: string }) => r.creditCode)).toEqual([code(5), code(6)]);
    const last = await page(`?limit=2&after=${second.next}`);
    expect(last).toEqual({ campaignId: ID, next: null, nonRespondents: [{ creditCode: code(9), name: '徐州第9号公司', district: '泉山区' }] });
    expect((await page('')).nonRespondents).toHaveLength(5);
  });

  it('exports them as CSV with a BOM, spreadsheet-safe', async () => {
    const res = await get(`${ID}/non-respondents.csv`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${ID}-non-respondents.csv"`);
    const text = (res.body as Buffer).toString('utf8');
    expect(text.split('\r\n')).toEqual([
      '\uFEFFcredit_code,name,district',
      `${code(3)},徐州第3号公司,鼓楼区`,
      `${code(4)},徐州第4号公司,鼓楼区`,
      `${code(5)},"'=徐州, ""某某""公司",鼓楼区`,
      `${code(6)},徐州第6号公司,鼓楼区`,
      `${code(9)},徐州第9号公司,泉山区`,
      '',
    ]);
  });

  it('streams a list longer than one page of the store, each enterprise once and in order', async () => {
    await openCampaign(t, 'prog-big');
    const codes = Array.from({ length: 2500 }, (_, i) => code(100_000 + i));
    const batch = (from: number, to: number) => issued(codes.slice(from, to), new Date().toISOString(), '2099-01-01T00:00:00.000Z', 'prog-big');
    await invitations(batch(0, 1000), batch(1000, 2000), batch(2000, 2500));
    await t.settle();
    const res = await get('prog-big/non-respondents.csv').expect(200);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2501);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(codes);
    expect(lines[1]).toBe(`${codes[0]},,`); // never registered: no name, no district
    expect((await get('prog-big/progress').expect(200)).body).toMatchObject({ invited: 2500, responded: 0, responseRate: 0, districts: [{ district: null, invited: 2500 }] });
  });

  it('is for admins only: 403 for analysts, auditors and enterprises, 401 without a token', async () => {
    for (const path of [`${ID}/progress`, `${ID}/non-respondents`, `${ID}/non-respondents.csv`]) {
      for (const who of [analyst, auditor, bearer('enterprise', code(1))]) expectProblem(await get(path, who), 403);
      expectProblem(await t.http().get(`/v1/admin/campaigns/${path}`), 401);
    }
  });

  it('answers 404 for an unknown campaign and 400 for a bad page', async () => {
    for (const path of ['nowhere/progress', 'nowhere/non-respondents', 'nowhere/non-respondents.csv']) expectProblem(await get(path), 404, /nowhere/);
    expectProblem(await get(`${ID}/non-respondents?limit=0`), 400);
    expectProblem(await get(`${ID}/non-respondents?limit=many`), 400);
    expectProblem(await get(`${ID}/non-respondents?limit=10001`), 400);
    expectProblem(await get(`${ID}/non-respondents?colour=red`), 400);
  });
});
