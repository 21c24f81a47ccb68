/**
 * Invitations over the real app: `survey invite`'s work (directory → InvitationsIssued → links)
 * run against the app's own context, the links' tokens used over HTTP, revocation by an admin and
 * its enforcement, and the questionnaire's static files with their headers.
 */
import { AppConfig, APP_CONFIG, signInvitationToken, systemMeta } from '@survey/application';
import { invitationsCsv, invite } from '../apps/cli/src/invite/invite';
import { admin, bearer, startApp, TestApp } from './support/app';
import { expectInvalid, expectProblem } from './support/problem';
import { head, openCampaign, registered } from './support/survey';
import { pause } from '@survey/domain/testing';

const tokenOf = (link: string) => new URL(link).hash.replace(/^#t=/, '');
const asLink = (t: string) => ({ authorization: `Bearer ${t}` });
const revoke = (t: TestApp, code: string, body: unknown, who = admin) => t.http().post(`/v1/campaigns/c1/invitations/${code}/revoke`).set(who).send(body as object);

describe('invitations', () => {
  let t: TestApp;
  let config: AppConfig;
  let codes: string[];
  const run = (filter = {}) => invite(t.app, config, 'c1', { filter, graceDays: 7, meta: systemMeta() });
  beforeAll(async () => {
    t = await startApp();
    config = t.app.get(APP_CONFIG);
    await openCampaign(t, 'c1');
    await openCampaign(t, 'c2');
    codes = [await registered(t, 1), await registered(t, 2), await registered(t, 3, { district: '云龙区', size: 'large' })];
  });
  afterAll(() => t.close());

  it('links every registered enterprise of a district, as CSV with a BOM; running again records nothing', async () => {
    const { links, fresh, expiresAt } = await run({ district: ['鼓楼区'] });
    expect(links.map((l) => l.enterprise.creditCode)).toEqual([codes[0], codes[1]]);
    expect(fresh).toBe(2);
    const campaign = (await t.http().get('/v1/campaigns/c1').set(admin)).body;
    expect(Date.parse(expiresAt) - Date.parse(campaign.closesAt)).toBe(7 * 86_400_000);
    expect(links[0].link).toMatch(/^http:\/\/localhost\/q#t=[\w-]+\.[\w-]+\.[\w-]+$/);
    const csv = invitationsCsv(links);
    expect(csv.startsWith('\uFEFFcredit_code,name,district,link\r\n')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(`${codes[0]},徐州测试科技有限公司,鼓楼区,${links[0].link}`);

    const before = await head(t);
    expect((await run({ district: ['鼓楼区'] })).fresh).toBe(0);
    expect(await head(t)).toBe(before);
    expect((await run({ size: ['large'] })).links.map((l) => l.enterprise.creditCode)).toEqual([codes[2]]);
  });

  it('a link works for its own campaign only', async () => {
    const [{ link }] = (await run()).links;
    const tok = tokenOf(link);
    await t.http().put('/v1/campaigns/c1/evaluations/tax').set(asLink(tok)).send({ rating: 'satisfied' }).expect(201);
    expect((await t.http().get('/v1/campaigns/c1/evaluations').set(asLink(tok)).expect(200)).body.evaluations).toHaveLength(1);
    expectProblem(await t.http().get('/v1/campaigns/c2/evaluations').set(asLink(tok)), 403, /for campaign c1 only/);
    await t.http().get('/v1/campaigns/c1').set(asLink(tok)).expect(200);
  });

  it('revoked: every link issued until then gets 401 with a clear detail; a new invitation works again', async () => {
    const old = tokenOf((await run()).links[1].link);
    const revoked = await revoke(t, codes[1], { reason: '邮箱填错 wrong address' }).expect(200);
    expect(revoked.body).toEqual({ campaignId: 'c1', creditCode: codes[1], revokedAt: expect.any(String) });
    expectProblem(await t.http().get('/v1/campaigns/c1/evaluations').set(asLink(old)), 401, /^invitation revoked: .*ask the enterprise-service centre/);
    expectProblem(await revoke(t, codes[1], { reason: 'again' }), 409, /already revoked/);

    await pause(5); // a new link is issued strictly after the revocation
    const again = await run();
    expect(again.fresh).toBe(1);
    await t.http().get('/v1/campaigns/c1/evaluations').set(asLink(tokenOf(again.links[1].link))).expect(200);
    expectProblem(await t.http().get('/v1/campaigns/c1/evaluations').set(asLink(old)), 401, /revoked/);
  });

  it('a link lists its own campaign only, where any other token lists them all', async () => {
    const tok = tokenOf((await run()).links[0].link);
    const listed = (await t.http().get('/v1/campaigns').set(asLink(tok)).expect(200)).body.campaigns.map((c: { id: string }) => c.id);
    expect(listed).toEqual(['c1']);
    const all = (await t.http().get('/v1/campaigns').set(bearer('enterprise', codes[0])).expect(200)).body.campaigns.map((c: { id: string }) => c.id);
    expect(all.sort()).toEqual(['c1', 'c2']);
  });

  it('a link valid more than 30 days after its campaign closes gets 401, one of exactly 30 days works', async () => {
    await run(); // codes[0] holds a standing invitation
    const closesAt = Date.parse((await t.http().get('/v1/campaigns/c1').set(admin)).body.closesAt);
    const link = (days: number, extraMs = 0) =>
      signInvitationToken({ creditCode: codes[0], campaignId: 'c1', issuedAtMs: Date.now(), expiresAt: new Date(closesAt + days * 86_400_000 + extraMs).toISOString(), id: 'z' }, config.jwtSecret);
    await t.http().get('/v1/campaigns/c1/evaluations').set(asLink(link(30))).expect(200);
    expectProblem(await t.http().get('/v1/campaigns/c1/evaluations').set(asLink(link(30, 1000))), 401, /more than 30 days after it closes/);
    expectProblem(await t.http().get('/v1/campaigns/c1/evaluations').set(asLink(link(3650))), 401, /more than 30 days after it closes/);
  });

  it('an expired link, or one never recorded, gets 401', async () => {
    const expired = signInvitationToken({ creditCode: codes[0], campaignId: 'c1', issuedAtMs: Date.now(), expiresAt: new Date(Date.now() - 60_000).toISOString(), id: 'x' }, config.jwtSecret);
    expectProblem(await t.http().get('/v1/campaigns/c1/evaluations').set(asLink(expired)), 401, /expired/);
    const unknown = signInvitationToken({ creditCode: codes[0], campaignId: 'c2', issuedAtMs: Date.now(), expiresAt: new Date(Date.now() + 60_000).toISOString(), id: 'y' }, config.jwtSecret);
    expectProblem(await t.http().get('/v1/campaigns/c2/evaluations').set(asLink(unknown)), 401, /invitation not found/);
  });

  it('revoking: 400 without a reason, 404 not invited or no campaign, 422 bad code, 401/403 for others', async () => {
    expectInvalid(await revoke(t, codes[0], {}), 'reason');
    expectProblem(await revoke(t, codes[0], { reason: ' ' }), 400, /reason/);
    expectProblem(await revoke(t, codes[2].slice(0, 17) + (codes[2][17] === '0' ? '1' : '0'), { reason: 'x' }), 422);
    expectProblem(await t.http().post(`/v1/campaigns/nope/invitations/${codes[0]}/revoke`).set(admin).send({ reason: 'x' }), 404);
    expectProblem(await revoke(t, await registered(t, 9), { reason: 'x' }), 404, /no invitation/);
    expectProblem(await revoke(t, codes[0], { reason: 'x' }, bearer('enterprise', codes[0])), 403);
    expectProblem(await t.http().post(`/v1/campaigns/c1/invitations/${codes[0]}/revoke`).send({ reason: 'x' }), 401);
  });

  it('serves the questionnaire with its content types, a self-only CSP and no referrer', async () => {
    const page = await t.http().get('/q').expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.text).toMatch(/<script type="module" src="\/q\/app.js">/);
    expect((await t.http().get('/q/app.js').expect(200)).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await t.http().get('/q/app.css').expect(200)).headers['content-type']).toBe('text/css; charset=utf-8');
    expectProblem(await t.http().get('/q/..%2Fquestionnaire.controller.ts'), 404);
    expectProblem(await t.http().get('/q/nope.js'), 404);
  });
});
