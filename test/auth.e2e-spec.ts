/**
 * The auth matrix over HTTP: every way a token can be wrong is a 401 problem, a right token with
 * the wrong role is a 403, and the public routes need no token at all.
 */
import { generateKeyPairSync } from 'node:crypto';
import { admin, analyst, auditor, bearer, startApp, TestApp, token } from './support/app';
import { expectProblem } from './support/problem';
import { openCampaign, registered } from './support/survey';
import { claimingAlg, claimsFor, signed, unsecured, withBearer } from './support/tokens';

const REPORT = '/v1/reports/campaigns/xz-2019';

describe('authentication and roles', () => {
  let t: TestApp;
  let acme: string;
  beforeAll(async () => {
    t = await startApp();
    await openCampaign(t, 'xz-2019');
    acme = await registered(t, 1);
    await t.settle();
  });
  afterAll(() => t.close());

  const report = (headers: Record<string, string> = {}) => t.http().get(REPORT).set(headers);

  it('lets a valid analyst token through (the baseline every 401 below differs from)', async () => {
    await report(withBearer(signed(claimsFor('analyst', 'analyst-1')))).expect(200);
    await report(withBearer(claimingAlg('HS256', claimsFor('analyst', 'analyst-1')))).expect(200);
    await report(analyst).expect(200);
  });

  it('answers 401 without a token', async () => {
    expectProblem(await report(), 401, /bearer token/i);
  });

  it.each([
    ['a Basic scheme', 'Basic YWRtaW46YWRtaW4='],
    ['Bearer with nothing after it', 'Bearer'],
    ['Bearer and a space', 'Bearer '],
    ['a token that is not a JWT', 'Bearer not-a-jwt'],
    ['three parts of garbage', 'Bearer a.b.c'],
    ['a valid token and trailing text', `Bearer ${token('analyst', 'analyst-1')} extra`],
    ['a valid token without the scheme', token('analyst', 'analyst-1')],
  ])('answers 401 for a malformed header: %s', async (_, header) => {
    expectProblem(await report({ authorization: header }), 401);
  });

  it('answers 401 for alg: none', async () => {
    const none = unsecured(claimsFor('analyst', 'analyst-1'));
    expect(none.endsWith('.')).toBe(true);
    expectProblem(await report(withBearer(none)), 401);
  });

  it('answers 401 for another algorithm: HS512, RS256 (claimed over an HMAC, or really signed)', async () => {
    expectProblem(await report(withBearer(signed(claimsFor('analyst', 'analyst-1'), { algorithm: 'HS512' }))), 401);
    expectProblem(await report(withBearer(claimingAlg('RS256', claimsFor('analyst', 'analyst-1')))), 401);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rs256 = signed(claimsFor('analyst', 'analyst-1'), { algorithm: 'RS256', secret: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string });
    expectProblem(await report(withBearer(rs256)), 401);
  });

  it('answers 401 for a bad signature', async () => {
    expectProblem(await report(withBearer(signed(claimsFor('analyst', 'analyst-1'), { secret: 'another-secret-of-at-least-thirty-two-chars' }))), 401);
    // An analyst's token with its payload swapped for an admin's: the signature no longer matches.
    const [header, , signature] = token('analyst', 'analyst-1').split('.');
    const payload = Buffer.from(JSON.stringify(claimsFor('admin', 'analyst-1'))).toString('base64url');
    expectProblem(await t.http().post('/v1/campaigns/xz-2019/close').set(withBearer(`${header}.${payload}.${signature}`)), 401);
  });

  it('allows 30 s of clock skew on exp: 10 s past is accepted, 60 s past is 401', async () => {
    await report(withBearer(signed(claimsFor('analyst', 'analyst-1', -10)))).expect(200);
    expectProblem(await report(withBearer(signed(claimsFor('analyst', 'analyst-1', -60)))), 401, /expired/);
  });

  describe('how long a token may live (TOKEN_MAX_LIFETIME_DAYS, 30 by default)', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const DAY = 86_400;

    it.each([
      ['30 days from its iat', () => ({ iat: now() - 60, exp: now() - 60 + 30 * DAY })],
      ['30 days from now, without iat', () => ({ exp: now() + 30 * DAY - 5 })],
      ['an iat 10 s ahead (within the 30 s skew)', () => ({ iat: now() + 10, exp: now() + 3600 })],
    ])('accepts a token valid for %s', async (_, claims) => {
      await report(withBearer(signed({ role: 'analyst', sub: 'analyst-1', ...claims() }))).expect(200);
    });

    it.each([
      ['30 days and a minute after its iat', () => ({ iat: now() - 60, exp: now() + 30 * DAY }), /at most 30 days \(exp after iat\)/],
      ['31 days from now, without iat', () => ({ exp: now() + 31 * DAY }), /at most 30 days \(exp from now\)/],
      ['exp: 1e308', () => ({ iat: now(), exp: 1e308 }), /at most 30 days/],
      ['an iat a minute ahead', () => ({ iat: now() + 60, exp: now() + 3600 }), /iat is in the future/],
      ['an iat that is not a number', () => ({ iat: 'yesterday', exp: now() + 3600 }), /iat must be a number/],
    ])('answers 401 to a token valid for %s', async (_, claims, detail) => {
      expectProblem(await report(withBearer(claimingAlg('HS256', { role: 'analyst', sub: 'analyst-1', ...claims() }))), 401, detail);
    });

    it('takes another maximum from the configuration', async () => {
      const short = await startApp({ config: { tokenMaxLifetimeDays: 1 } });
      try {
        const claims = (days: number) => ({ role: 'admin', sub: 'admin-1', iat: now(), exp: now() + days * DAY });
        await short.http().get('/v1/campaigns').set(withBearer(signed(claims(1)))).expect(200);
        expectProblem(await short.http().get('/v1/campaigns').set(withBearer(signed(claims(2)))), 401, /at most 1 day \(exp after iat\)/);
      } finally {
        await short.close();
      }
    });
  });

  it.each([
    ['no exp', { role: 'analyst', sub: 'analyst-1' }],
    ['an exp that is not a number', { role: 'analyst', sub: 'analyst-1', exp: 'tomorrow' }],
    ['an unknown role', { ...claimsFor('superuser', 'analyst-1') }],
    ['no role', { sub: 'analyst-1', exp: claimsFor('x', 'y').exp }],
    ['no sub', { role: 'analyst', exp: claimsFor('x', 'y').exp }],
  ])('answers 401 for a token with %s', async (_, claims) => {
    // Assembled by hand: jsonwebtoken would refuse to sign a non-numeric exp.
    expectProblem(await report(withBearer(claimingAlg('HS256', claims))), 401);
  });

  it.each([
    ['is not a credit code', 'acme-corp'],
    ['fails the check character', '91310110666007217U'],
    ['is in lower case', '91310110666007217t'],
  ])('answers 401 to an enterprise token whose sub %s', async (_, sub) => {
    expectProblem(await t.http().get('/v1/campaigns/xz-2019/evaluations').set(withBearer(signed(claimsFor('enterprise', sub)))), 401, /credit code/);
  });

  it('answers 403 to a role without the right', async () => {
    const enterprise = bearer('enterprise', acme);
    expectProblem(await t.http().put('/v1/campaigns/xz-2019/evaluations/tax').set(analyst).send({ rating: 'satisfied' }), 403, /analyst/);
    expectProblem(await t.http().put('/v1/campaigns/xz-2019/evaluations/tax').set(admin).send({ rating: 'satisfied' }), 403);
    expectProblem(await t.http().get('/v1/campaigns/xz-2019/evaluations').set(auditor), 403);
    expectProblem(await report(enterprise), 403, /enterprise/);
    expectProblem(await t.http().get(`/v1/audit/campaigns/xz-2019/ballots/${acme}`).set(analyst), 403);
    expectProblem(await t.http().get(`/v1/audit/campaigns/xz-2019/ballots/${acme}`).set(admin), 403);
    expectProblem(await t.http().get(`/v1/audit/campaigns/xz-2019/ballots/${acme}`).set(enterprise), 403);
    expectProblem(await t.http().post('/v1/campaigns/xz-2019/close').set(auditor), 403);
    expectProblem(await t.http().post('/v1/campaigns/xz-2019/publish').set(analyst), 403);
    expectProblem(await t.http().post('/v1/campaigns').set(enterprise).send({}), 403);
    expect((await t.http().get('/v1/campaigns/xz-2019').set(admin)).body.status).toBe('open');
  });

  it('lets every role read campaigns, and analyst, auditor and admin read reports', async () => {
    for (const who of [bearer('enterprise', acme), analyst, auditor, admin]) await t.http().get('/v1/campaigns').set(who).expect(200);
    for (const who of [analyst, auditor, admin]) await report(who).expect(200);
  });

  it('serves health, readiness and published results without a token', async () => {
    expect((await t.http().get('/v1/health').expect(200)).body).toEqual({ status: 'ok' });
    await t.http().get('/v1/health').set({ authorization: 'Bearer not-a-jwt' }).expect(200);
    expect((await t.http().get('/v1/health/ready').expect(200)).body).toMatchObject({ status: 'ready', eventStore: 'ok' });
    await openCampaign(t, 'done');
    await t.http().post('/v1/campaigns/done/close').set(admin).expect(200);
    await t.http().post('/v1/campaigns/done/publish').set(admin).expect(200);
    await t.settle(); // public results are read from the read model, which folds ResultsPublished a moment later
    expect((await t.http().get('/v1/public/campaigns/done/results').expect(200)).body).toMatchObject({ campaignId: 'done', publishedAt: expect.any(String) });
  });
});
