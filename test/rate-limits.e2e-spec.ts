/**
 * Rate limits with their defaults: an enterprise's writes 10/s with bursts of 30, staff writes
 * 100/s with bursts of 300, replays 10/min per subject, routes without a token 100/s per IP,
 * health never. A refusal is a 429 problem+json with Retry-After in whole seconds (at most 60),
 * and appends nothing. Volleys are sent at once; where a volley could straddle two one-second
 * windows on a loaded machine, the count accepted is bounded by the burst below and by the burst
 * plus one more second above, and at least one is refused either way.
 */
import type { Response } from 'supertest';
import { admin, analyst, auditor, bearer, startApp, TestApp } from './support/app';
import { expectProblem } from './support/problem';
import { head, openCampaign, registered, withdraw } from './support/survey';

function expectTooMany(res: Response): void {
  expectProblem(res, 429, /too many/);
  expect(res.headers['retry-after']).toMatch(/^\d+$/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
}

/** Sends `n` requests at once; returns the answers sorted into accepted (not 429) and refused. */
async function volley(n: number, send: (i: number) => Promise<Response>) {
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => send(i)));
  const refused = answers.filter((r) => r.status === 429);
  refused.forEach(expectTooMany);
  return { accepted: answers.filter((r) => r.status !== 429), refused };
}

describe('rate limits (defaults)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
    await openCampaign(t, 'xz-2019');
  });
  afterAll(() => t.close());

  it("holds an enterprise's writes to a burst of 30, appending nothing for those refused; another enterprise writes on", async () => {
    const [acme, globex] = await Promise.all([registered(t, 1), registered(t, 2)]);
    const before = await head(t);
    // Withdrawing what was never rated is a write that appends nothing (404): only the limit differs.
    const { accepted, refused } = await volley(60, () => withdraw(t, acme, 'xz-2019', 'tax'));
    expect(accepted.length).toBeGreaterThanOrEqual(30);
    expect(accepted.length).toBeLessThanOrEqual(40);
    expect(accepted.every((r) => r.status === 404)).toBe(true);
    expect(refused.length).toBe(60 - accepted.length);
    expect(await head(t)).toBe(before);
    expect((await withdraw(t, globex, 'xz-2019', 'tax')).status).toBe(404);
    // Reads are not limited: the enterprise still sees its ballot.
    await t.http().get('/v1/campaigns/xz-2019/evaluations').set(bearer('enterprise', acme)).expect(200);
  });

  it("holds an admin's writes to a burst of 300", async () => {
    const { accepted, refused } = await volley(500, () => t.http().post('/v1/campaigns/no-such-campaign/close').set(admin));
    expect(accepted.length).toBeGreaterThanOrEqual(300);
    expect(accepted.length).toBeLessThanOrEqual(400);
    expect(accepted.every((r) => r.status === 404)).toBe(true);
    expect(refused.length).toBe(500 - accepted.length);
  });

  it('allows each subject 10 replays a minute (as-of reports and verifications together); live reports stay open', async () => {
    const asOf = (who: Record<string, string>, path = '/v1/reports/campaigns/xz-2019') => t.http().get(`${path}?asOf=2099-01-01T00:00:00Z`).set(who);
    for (let i = 0; i < 10; i++) await asOf(analyst, i % 2 ? '/v1/reports/campaigns/xz-2019/agencies/tax' : undefined).expect(200);
    expectTooMany(await asOf(analyst));
    await t.http().get('/v1/reports/campaigns/xz-2019').set(analyst).expect(200);
    await t.http().get('/v1/reports/campaigns/xz-2019?asOf=').set(analyst).expect(200); // an empty asOf is the live report
    await asOf(bearer('analyst', 'analyst-2')).expect(200);

    // Verification replays too (409 here: nothing published), and is refused without an audit read.
    for (let i = 0; i < 5; i++) await t.http().get('/v1/audit/campaigns/xz-2019/verify').set(auditor).expect(409);
    for (let i = 0; i < 5; i++) await asOf(auditor).expect(200);
    const reads = async () => (await t.http().get('/v1/audit/reads?limit=1000').set(bearer('auditor', 'auditor-2')).expect(200)).body.reads.length;
    const recorded = await reads();
    expectTooMany(await t.http().get('/v1/audit/campaigns/xz-2019/verify').set(auditor));
    expect(await reads()).toBe(recorded + 1); // only auditor-2's own read of the log
  });

  it('holds routes without a token to 100 a second per address, and never limits health', async () => {
    const health = await volley(300, (i) => t.http().get(i % 2 ? '/v1/health' : '/v1/health/ready'));
    expect(health.refused).toHaveLength(0);
    expect(health.accepted.every((r) => r.status === 200)).toBe(true);
    const { accepted, refused } = await volley(300, () => t.http().get('/v1/public/campaigns'));
    expect(accepted.length).toBeGreaterThanOrEqual(100);
    expect(accepted.length).toBeLessThanOrEqual(200);
    expect(accepted.every((r) => r.status === 200)).toBe(true);
    expect(refused.length).toBe(300 - accepted.length);
  });
});
