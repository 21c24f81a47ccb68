/**
 * Rate limits with their defaults: an enterprise's writes 10/s with bursts of 30, staff writes
 * 100/s with bursts of 300, replays 10/min per subject, routes without a token 100/s per IP,
 * health never. A refusal is a 429 problem+json with Retry-After in whole seconds (at most 60),
 * and appends nothing. Volleys are sent at once; a loaded machine may spread one over more than
 * one second's window, so the count accepted is held between the burst and the burst plus one
 * more second's rate for each further second the volley took (exact when it took under one).
 */
import type { Response } from 'supertest';
import { analyst, auditor, bearer, startApp, TestApp } from './support/app';
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
  const started = Date.now();
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => send(i)));
  const seconds = Math.floor((Date.now() - started) / 1000) + 1; // one-second windows it may have touched
  const refused = answers.filter((r) => r.status === 429);
  refused.forEach(expectTooMany);
  return { accepted: answers.filter((r) => r.status !== 429), refused, seconds };
}

/** A volley under a limit of `rate` a second with bursts of `burst`: at least the burst, at most what the seconds allow. */
function expectHeldTo(result: { accepted: Response[]; refused: Response[]; seconds: number }, n: number, rate: number, burst: number): void {
  expect(result.accepted.length).toBeGreaterThanOrEqual(burst);
  expect(result.accepted.length).toBeLessThanOrEqual(Math.min(n, burst + rate * (result.seconds - 1)));
  expect(result.refused.length).toBe(n - result.accepted.length);
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
    const sent = await volley(60, () => withdraw(t, acme, 'xz-2019', 'tax'));
    expectHeldTo(sent, 60, 10, 30);
    expect(sent.accepted.every((r) => r.status === 404)).toBe(true);
    expect(await head(t)).toBe(before);
    expect((await withdraw(t, globex, 'xz-2019', 'tax')).status).toBe(404);
    // Reads are not limited: the enterprise still sees its ballot.
    await t.http().get('/v1/campaigns/xz-2019/evaluations').set(bearer('enterprise', acme)).expect(200);
  });

  it("holds an admin's writes to a burst of 300", async () => {
    const volleyAdmin = bearer('admin', 'admin-volley'); // not the admin whose writes set the world up
    const sent = await volley(400, () => t.http().post('/v1/campaigns/no-such-campaign/close').set(volleyAdmin));
    expectHeldTo(sent, 400, 100, 300);
    expect(sent.accepted.every((r) => r.status === 404)).toBe(true);
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
    const sent = await volley(300, () => t.http().get('/v1/public/campaigns'));
    expectHeldTo(sent, 300, 100, 100);
    expect(sent.accepted.every((r) => r.status === 200)).toBe(true);
  });
});
