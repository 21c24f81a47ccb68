/**
 * The OpenAPI description cannot drift from the code: (a) every route the controllers declare is in
 * the document (the page controllers alone are left out, on purpose, and none of them under /v1),
 * each with a summary and a documented success; (b) real answers of every operation, at least one
 * success and one error each, match the document: a documented status, a documented media type and
 * a body valid against its schema (test/support/openapi.ts). One app, one small seeded world.
 * Swagger UI at /docs keeps the pages' strict policy.
 */
import { DECORATORS } from '@nestjs/swagger';
import { APP_CONFIG, systemMeta } from '@survey/application';
import { invite } from '../apps/cli/src/invite/invite';
import { CONTENT_SECURITY_POLICY, DOCS_CONTENT_SECURITY_POLICY } from '../apps/api/src/http/page-headers';
import { admin, analyst, auditor, bearer, startApp, TestApp, token } from './support/app';
import { creditCode } from './support/fixtures';
import { expectProblem } from './support/problem';
import { OpenApiDocument, ResponseChecker } from './support/openapi';
import { routesOf } from './support/routes';
import { seedTwoCampaigns } from './support/two-campaigns';
import type { Response } from 'supertest';

jest.setTimeout(120_000);

const ENTERPRISES = 12;

describe('the OpenAPI description', () => {
  let t: TestApp;
  let document: OpenApiDocument;
  let checker: ResponseChecker;
  const code = creditCode(1);
  const enterprise = bearer('enterprise', code);
  /** Asserts the status, then that the answer is one the description allows. */
  const answers = (status: number) => (res: Response) => {
    expect({ status: res.status, text: res.text?.slice(0, 500) }).toMatchObject({ status });
    checker.check(res);
  };

  beforeAll(async () => {
    t = await startApp();
    await seedTwoCampaigns(t, ENTERPRISES);
    const res = await t.http().get('/docs/openapi.json').expect(200);
    document = res.body as OpenApiDocument;
    checker = new ResponseChecker(document);
  });
  afterAll(() => t?.close());

  it('is OpenAPI 3 and lists every route of the controllers, each with a summary and a documented success', () => {
    expect(document.openapi).toMatch(/^3\./);
    const documented = new Set(checker.operations());
    const routes = routesOf(t.app);
    const excluded = routes.filter((r) => Reflect.getMetadata(DECORATORS.API_EXCLUDE_CONTROLLER, r.controller)?.[0] === true);
    // Only the pages (HTML and their files, documented in docs/dashboard.md) are left out, never an API route.
    expect(excluded.filter((r) => r.path.startsWith('/v1/'))).toEqual([]);
    expect(excluded.map((r) => r.path)).toEqual(expect.arrayContaining(['/', '/q', '/docs']));
    const missing = routes.filter((r) => !excluded.includes(r)).map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`).filter((op) => !documented.has(op));
    expect(missing).toEqual([]);
    expect(documented.size).toBe(routes.length - excluded.length);
    // The roles, as @Allow declares them: in the description and as a bearer requirement (none for a public route).
    for (const route of routes.filter((r) => !excluded.includes(r))) {
      const operation = document.paths[route.path.replace(/:(\w+)/g, '{$1}')][route.method.toLowerCase()];
      const at = `${route.method} ${route.path}`;
      expect({ at, description: operation.description?.split('\n')[0], security: operation.security }).toEqual(route.roles.length
        ? { at, description: `Roles: ${route.roles.join(', ')}.`, security: [{ bearer: [] }] }
        : { at, description: 'Public: no token needed.', security: [] });
    }
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const at = `${method.toUpperCase()} ${path}`;
        expect({ at, summary: operation.summary }).toEqual({ at, summary: expect.stringMatching(/\S/) });
        expect({ at, successes: Object.keys(operation.responses).filter((s) => /^2\d\d$/.test(s)).length > 0 }).toEqual({ at, successes: true });
        // A JSON body is a DTO whose properties are documented, and nothing else is taken.
        const body = operation.requestBody?.content['application/json']?.schema as { $ref: string } | undefined;
        if (body) {
          const dto = document.components.schemas[body.$ref.split('/').pop()!] as { properties?: object; additionalProperties?: boolean };
          expect({ at, properties: Object.keys(dto.properties ?? {}).length > 0, additional: dto.additionalProperties }).toEqual({ at, properties: true, additional: false });
        }
      }
    }
  });

  it('serves Swagger UI at /docs under the pages\' policy (data: images aside): its own files, no inline script or style', async () => {
    const page = await t.http().get('/docs').expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    // The pages' policy, but for data: images (Swagger UI's icons).
    expect(page.headers['content-security-policy']).toBe(DOCS_CONTENT_SECURITY_POLICY);
    expect(DOCS_CONTENT_SECURITY_POLICY.split('; ').filter((d) => !CONTENT_SECURITY_POLICY.split('; ').includes(d))).toEqual(["img-src 'self' data:"]);
    expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=|\son\w+=/i);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual(expect.arrayContaining(['/docs/swagger-ui-bundle.js', '/docs/init.js', '/docs/swagger-ui.css']));
    for (const source of sources) {
      const file = await t.http().get(source).expect(200);
      expect({ source, csp: file.headers['content-security-policy'], nosniff: file.headers['x-content-type-options'] })
        .toEqual({ source, csp: DOCS_CONTENT_SECURITY_POLICY, nosniff: 'nosniff' });
    }
    expect((await t.http().get('/docs/init.js')).text).toMatch(/url: '\/docs\/openapi\.json'/);
    expectProblem(await t.http().get('/docs/swagger-initializer.js'), 404); // swagger-ui-dist's inline-style initializer is not served
  });

  it('matches real answers of every operation, a success and an error each', async () => {
    const http = () => t.http();
    const other = creditCode(ENTERPRISES + 1);
    const unregistered = bearer('enterprise', creditCode(ENTERPRISES + 2));
    // Campaigns
    answers(201)(await http().post('/v1/campaigns').set(admin).send({ ...(await campaignBody('oa-2020')), questions: [{ id: 'efficiency', text: '办事效率' }] }));
    answers(409)(await http().post('/v1/campaigns').set(admin).send(await campaignBody('oa-2020')));
    answers(400)(await http().post('/v1/campaigns').set(admin).send({ id: 'oa-x', unknown: 1 }));
    answers(415)(await http().post('/v1/campaigns').set(admin).set('content-type', 'text/plain').send('x'));
    answers(401)(await http().post('/v1/campaigns').send(await campaignBody('oa-y')));
    answers(403)(await http().post('/v1/campaigns').set(analyst).send(await campaignBody('oa-y')));
    answers(200)(await http().get('/v1/campaigns').set(analyst));
    answers(401)(await http().get('/v1/campaigns'));
    answers(200)(await http().get('/v1/campaigns/xz-2019').set(enterprise));
    answers(404)(await http().get('/v1/campaigns/nowhere').set(analyst));
    answers(200)(await http().patch('/v1/campaigns/oa-2020').set(admin).send({ closesAt: new Date(Date.now() + 60 * 86_400_000).toISOString() }));
    answers(400)(await http().patch('/v1/campaigns/oa-2020').set(admin).send({ closesAt: 'tomorrow' }));
    answers(201)(await http().post('/v1/campaigns/oa-2020/agencies').set(admin).send({ id: 'courts', name: '市中级人民法院' }));
    answers(409)(await http().post('/v1/campaigns/oa-2020/agencies').set(admin).send({ id: 'courts', name: '市中级人民法院' }));
    answers(201)(await http().put('/v1/campaigns/oa-2020/agencies/parks').set(admin).send({ name: '市园林局' }));
    answers(200)(await http().put('/v1/campaigns/oa-2020/agencies/parks').set(admin).send({ name: '市园林绿化局' }));
    answers(404)(await http().put('/v1/campaigns/nowhere/agencies/parks').set(admin).send({ name: '市园林局' }));
    // Enterprises
    answers(201)(await http().put(`/v1/enterprises/${other}`).set(admin).send({ name: '徐州某公司', district: '鼓楼区', industry: 'C', size: 'small' }));
    answers(200)(await http().put(`/v1/enterprises/${other}`).set(admin).send({ name: '徐州某公司', district: '云龙区', industry: 'C', size: 'small' }));
    answers(422)(await http().put('/v1/enterprises/91310110666007217X').set(admin).send({ name: 'x', district: 'y', industry: 'C', size: 'small' }));
    // An enterprise's ballot
    const mine = bearer('enterprise', other);
    answers(201)(await http().put('/v1/campaigns/xz-2019/evaluations/tax').set(mine).send({ rating: 'satisfied', answers: { efficiency: 'satisfied' }, comment: '很好' }));
    answers(200)(await http().put('/v1/campaigns/xz-2019/evaluations/tax').set(mine).send({ rating: 'very_satisfied' }));
    answers(201)(await http().put('/v1/campaigns/xz-2019/evaluations/police').set(mine).send({ rating: 'dissatisfied' }));
    answers(404)(await http().put('/v1/campaigns/xz-2019/evaluations/nowhere').set(mine).send({ rating: 'satisfied' }));
    answers(403)(await http().put('/v1/campaigns/xz-2019/evaluations/tax').set(unregistered).send({ rating: 'satisfied' }));
    answers(409)(await http().put('/v1/campaigns/xz-2018/evaluations/tax').set(mine).send({ rating: 'satisfied' }));
    answers(204)(await http().delete('/v1/campaigns/xz-2019/evaluations/police').set(mine));
    answers(404)(await http().delete('/v1/campaigns/xz-2019/evaluations/police').set(mine));
    answers(200)(await http().get('/v1/campaigns/xz-2019/evaluations').set(mine));
    answers(403)(await http().get('/v1/campaigns/xz-2019/evaluations').set(analyst));
    // Audit
    answers(200)(await http().post(`/v1/audit/campaigns/xz-2019/ballots/${code}/evaluations/tax/invalidate`).set(auditor).send({ reason: '重复提交 duplicate' }));
    answers(404)(await http().post(`/v1/audit/campaigns/xz-2019/ballots/${code}/evaluations/tax/invalidate`).set(auditor).send({ reason: 'again' }));
    answers(200)(await http().get('/v1/campaigns/xz-2019/evaluations').set(enterprise)); // with its invalidated rating
    answers(200)(await http().get(`/v1/audit/campaigns/xz-2019/ballots/${code}`).set(auditor));
    answers(422)(await http().get('/v1/audit/campaigns/xz-2019/ballots/91310110666007217X').set(auditor));
    answers(200)(await http().get('/v1/audit/campaigns/xz-2018/verify').set(auditor));
    answers(404)(await http().get('/v1/audit/campaigns/nowhere/verify').set(auditor));
    answers(200)(await http().get('/v1/audit/reads').set(auditor));
    answers(400)(await http().get('/v1/audit/reads?date=2019-02-30').set(auditor));
    answers(200)(await http().get('/v1/audit/campaigns/xz-2018/history').set(admin));
    answers(404)(await http().get('/v1/audit/campaigns/nowhere/history').set(auditor));
    await t.settle();
    // Reports
    answers(200)(await http().get('/v1/reports/campaigns/xz-2019').set(analyst));
    answers(200)(await http().get(`/v1/reports/campaigns/xz-2019?asOf=${new Date().toISOString()}`).set(analyst));
    answers(400)(await http().get('/v1/reports/campaigns/xz-2019?asOf=yesterday').set(analyst));
    answers(404)(await http().get('/v1/reports/campaigns/nowhere').set(analyst));
    answers(200)(await http().get('/v1/reports/campaigns/xz-2019/agencies/tax').set(analyst));
    answers(200)(await http().get(`/v1/reports/campaigns/xz-2019/agencies/tax?asOf=${new Date().toISOString()}`).set(auditor));
    answers(404)(await http().get('/v1/reports/campaigns/xz-2019/agencies/nowhere').set(analyst));
    answers(200)(await http().get('/v1/reports/trends').set(analyst));
    answers(200)(await http().get('/v1/reports/trends?agencyId=tax').set(analyst));
    answers(404)(await http().get('/v1/reports/trends?agencyId=nowhere').set(analyst));
    answers(200)(await http().get('/v1/reports/campaigns/xz-2019.csv').set(analyst));
    answers(404)(await http().get('/v1/reports/campaigns/nowhere.csv').set(analyst));
    answers(200)(await http().get('/v1/reports/campaigns/xz-2019/agencies/tax.csv').set(analyst));
    answers(403)(await http().get('/v1/reports/campaigns/xz-2019/agencies/tax.csv').set(enterprise));
    // Published results
    answers(200)(await http().get('/v1/public/campaigns/xz-2018/results'));
    answers(404)(await http().get('/v1/public/campaigns/xz-2019/results'));
    answers(200)(await http().get('/v1/public/campaigns'));
    // Rectification reports and the outbox's parked notices (none here: no webhook is configured)
    answers(200)(await http().get('/v1/reports/rectification?campaignId=xz-2019').set(analyst));
    answers(400)(await http().get('/v1/reports/rectification').set(analyst));
    answers(404)(await http().get('/v1/reports/rectification?campaignId=nowhere').set(analyst));
    answers(200)(await http().get('/v1/public/rectification?campaignId=xz-2018'));
    answers(404)(await http().get('/v1/public/rectification?campaignId=xz-2019'));
    // Requests reports (no request in this world: zeros, the directory's agencies and the default categories)
    answers(200)(await http().get('/v1/reports/requests?from=2019-01-01&to=2019-12-31').set(analyst));
    answers(400)(await http().get('/v1/reports/requests?from=2019-02-30').set(analyst));
    answers(403)(await http().get('/v1/reports/requests').set(enterprise));
    answers(200)(await http().get('/v1/public/requests?year=2019'));
    answers(400)(await http().get('/v1/public/requests?year=19'));
    const centre = bearer('centre', 'centre-1');
    answers(200)(await http().get('/v1/notifications/parked').set(centre));
    answers(400)(await http().get('/v1/notifications/parked?limit=0').set(centre));
    answers(404)(await http().post('/v1/notifications/parked/no-such-key/retry').set(centre));
    // Closing and publishing
    answers(200)(await http().post('/v1/campaigns/oa-2020/close').set(admin));
    answers(409)(await http().post('/v1/campaigns/oa-2020/close').set(admin));
    answers(409)(await http().post('/v1/campaigns/xz-2019/publish').set(admin));
    answers(200)(await http().post('/v1/campaigns/oa-2020/publish').set(admin));
    // Progress, invitations, imports
    answers(200)(await http().get('/v1/admin/campaigns/xz-2019/progress').set(admin));
    answers(404)(await http().get('/v1/admin/campaigns/nowhere/progress').set(admin));
    answers(200)(await http().get('/v1/admin/campaigns/xz-2019/non-respondents?limit=2').set(admin));
    answers(400)(await http().get('/v1/admin/campaigns/xz-2019/non-respondents?limit=0').set(admin));
    answers(200)(await http().get('/v1/admin/campaigns/xz-2019/non-respondents.csv').set(admin));
    answers(404)(await http().get('/v1/admin/campaigns/nowhere/non-respondents.csv').set(admin));
    await invite(t.app, t.app.get(APP_CONFIG), 'xz-2019', { filter: {}, graceDays: 7, meta: systemMeta() });
    answers(200)(await http().post(`/v1/campaigns/xz-2019/invitations/${code}/revoke`).set(admin).send({ reason: '邮箱填错' }));
    answers(409)(await http().post(`/v1/campaigns/xz-2019/invitations/${code}/revoke`).set(admin).send({ reason: 'again' }));
    const csv = (what: string, body: string) => http().post(`/v1/admin/imports/${what}`).set(admin).set('content-type', 'text/csv; charset=utf-8').send(body);
    answers(200)(await csv('enterprises', `credit_code,name,district,industry,size\n${creditCode(ENTERPRISES + 3)},徐州第三方公司,鼓楼区,C,small\nbad,x,y,C,small`));
    answers(415)(await http().post('/v1/admin/imports/enterprises').set(admin).send({ rows: [] }));
    answers(200)(await csv('agencies?campaign=xz-2019', 'agency_id,name\ntax,市税务局\nBad,名'));
    answers(400)(await csv('agencies', 'agency_id,name\ntax,市税务局'));
    // Rectification cases: a bad review of housing by `other`, with consent, opens one
    const housing = { authorization: `Bearer ${token('agency', 'housing-officer', { agencyId: 'housing' })}` };
    answers(201)(await http().put('/v1/campaigns/xz-2019/evaluations/housing').set(mine).send({ rating: 'very_dissatisfied', comment: '排队太久', contactConsent: true }));
    await t.settle();
    const queue = await http().get('/v1/rectification/cases?agencyId=housing&status=open').set(housing);
    answers(200)(queue);
    const theCase = (queue.body as { cases: { caseId: string; enterprise: { creditCode: string } | null }[] }).cases.find((c) => c.enterprise?.creditCode === other)!;
    expect(theCase).toBeDefined();
    const step = (what: string, who: Record<string, string>, body: object) => http().post(`/v1/rectification/cases/${theCase.caseId}/${what}`).set(who).send(body);
    answers(403)(await http().get('/v1/rectification/cases?agencyId=tax').set(housing));
    answers(200)(await http().get(`/v1/rectification/cases/${theCase.caseId}`).set(mine));
    answers(404)(await http().get('/v1/rectification/cases/0190a1b2-0000-7000-8000-00000000dead').set(centre));
    answers(400)(await step('contact', centre, { channel: 'pigeon', summary: '已回访' }));
    answers(200)(await step('contact', centre, { channel: 'phone', summary: '已电话回访' }));
    answers(200)(await step('report', housing, { kind: 'rectified', actions: '增设窗口' }));
    answers(409)(await step('report', housing, { kind: 'rectified', actions: '再次' }));
    answers(200)(await step('follow-up', mine, { level: 'dissatisfied' })); // round 2
    answers(409)(await step('follow-up', mine, { level: 'satisfied' })); // before round 2's report
    answers(200)(await step('appeal', housing, { reason: '高峰期排队属客观原因' }));
    answers(409)(await step('appeal', housing, { reason: 'again' }));
    answers(200)(await step('appeal/decision', centre, { upheld: false, reason: '理由不足' }));
    answers(409)(await step('appeal/decision', centre, { upheld: false, reason: 'again' }));
    answers(200)(await step('close', centre, { outcome: 'explained', note: '已说明' }));
    answers(409)(await step('close', centre, { outcome: 'explained', note: 'again' }));
    answers(200)(await http().get('/v1/campaigns/xz-2019/evaluations').set(mine)); // with its case
    await t.settle();
    // The centre reads the rectification report too (c13-core's role)
    answers(200)(await http().get('/v1/reports/rectification?campaignId=xz-2019').set(centre));
    // The agency directory and enterprises' requests (i14-core)
    answers(200)(await http().get('/v1/agencies').set(mine));
    answers(401)(await http().get('/v1/agencies'));
    answers(201)(await http().put('/v1/agencies/water-works').set(admin).send({ name: '市自来水公司' }));
    answers(200)(await http().put('/v1/agencies/water-works').set(admin).send({ name: '市水务集团' }));
    answers(400)(await http().put('/v1/agencies/Water').set(admin).send({ name: '水' }));
    const filing = { category: 'approval', title: '办理施工许可', description: '材料已齐' };
    const filed = await http().post('/v1/requests').set(mine).set('Idempotency-Key', 'openapi-1').send(filing);
    answers(201)(filed);
    answers(200)(await http().post('/v1/requests').set(mine).set('Idempotency-Key', 'openapi-1').send(filing));
    answers(422)(await http().post('/v1/requests').set(mine).set('Idempotency-Key', 'openapi-1').send({ ...filing, title: '另一件' }));
    answers(400)(await http().post('/v1/requests').set(mine).send({ ...filing, category: 'weather' }));
    const requestId = (filed.body as { requestId: string }).requestId;
    const act = (what: string, who: Record<string, string>, body: object = {}) => http().post(`/v1/requests/${requestId}/${what}`).set(who).send(body);
    answers(200)(await http().get('/v1/requests?status=open').set(centre));
    answers(403)(await http().get('/v1/requests?agencyId=tax').set(housing));
    answers(200)(await http().get(`/v1/requests/${requestId}`).set(mine));
    answers(404)(await http().get(`/v1/requests/${requestId}`).set(housing));
    answers(404)(await act('dispatch', centre, { agencyId: 'no-such-agency' }));
    answers(200)(await act('dispatch', centre, { agencyId: 'housing' }));
    answers(409)(await act('dispatch', centre, { agencyId: 'housing' }));
    answers(200)(await act('return', housing, { reason: '不属于本单位' }));
    answers(200)(await act('dispatch', centre, { agencyId: 'housing' }));
    answers(409)(await act('resolve', housing, { reply: '尚未受理' }));
    answers(200)(await act('accept', housing));
    answers(409)(await act('accept', housing));
    answers(409)(await act('return', housing, { reason: 'after accepting' }));
    answers(409)(await act('extension/decision', centre, { granted: true }));
    answers(200)(await act('extension', housing, { workingDays: 3, reason: '需要现场核查' }));
    answers(409)(await act('extension', housing, { workingDays: 3, reason: 'again' }));
    answers(200)(await act('extension/decision', centre, { granted: true }));
    answers(200)(await act('resolve', housing, { reply: '已办结' }));
    answers(409)(await act('withdraw', mine));
    answers(409)(await act('close', centre, { note: '未升级' }));
    answers(200)(await act('rating', mine, { level: 'dissatisfied' }));
    answers(200)(await act('resolve', housing, { reply: '再次答复' }));
    answers(200)(await act('rating', mine, { level: 'very_dissatisfied' }));
    answers(409)(await act('rating', mine, { level: 'satisfied' }));
    answers(200)(await act('close', centre, { note: '中心协调解决' }));
    const toWithdraw = (await http().post('/v1/requests').set(mine).send(filing).expect(201)).body as { requestId: string };
    answers(200)(await http().post(`/v1/requests/${toWithdraw.requestId}/withdraw`).set(mine).send({ reason: '已解决' }));
    // Health
    answers(200)(await http().get('/v1/health'));
    answers(200)(await http().get('/v1/health/ready'));
    // The request categories: no parameter, nothing to refuse.
    answers(200)(await http().get('/v1/public/request-categories'));

    const unseen = checker.operations().filter((op) => {
      const statuses = [...(checker.seen.get(op) ?? [])];
      // A retry's 202 needs a notice parked by a failing webhook: test/notifications.e2e-spec.ts answers it on the built server.
      const successNeedsAWebhook = op === 'POST /v1/notifications/parked/{key}/retry';
      return (!statuses.some((s) => s < 300) && !successNeedsAWebhook) || (!statuses.some((s) => s >= 400) && !op.startsWith('GET /v1/health') && op !== 'GET /v1/public/campaigns' && op !== 'GET /v1/public/request-categories');
    });
    expect(unseen).toEqual([]);
  });

  async function campaignBody(id: string) {
    const now = Date.now();
    return { id, year: 2020, title: `评议 ${id}`, opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 30 * 86_400_000).toISOString(), agencies: [{ id: 'tax', name: '市税务局' }] };
  }
});
