/**
 * Stopping the built server: SIGTERM in the middle of a burst drains the requests in hand, stores
 * the projection checkpoint and exits 0; a bad configuration stops start-up with one line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_SECRET, token } from './support/app';
import { call, ConnectionError, HttpResult, runToExit, seedCampaign, ServerProcess, storedBallots } from './support/server-process';
import { describeOnEmbeddedStores } from './support/stores';

jest.setTimeout(60_000);

const CAMPAIGN = 'drain-2019';
const ENTERPRISES = 100;
const AGENCIES = ['tax', 'police', 'housing'];

const adminToken = token('admin', 'admin-1');
const analystToken = token('analyst', 'analyst-1');
const auditorToken = token('auditor', 'auditor-1');

describeOnEmbeddedStores('SIGTERM during a burst of submissions', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-drain-'));
  const servers: ServerProcess[] = [];

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill('SIGKILL')));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers what it took in, exits 0, and keeps every acknowledged submission', async () => {
    const first = await ServerProcess.start(dataDir);
    servers.push(first);
    const codes = await seedCampaign(first, CAMPAIGN, ENTERPRISES, adminToken);
    await first.waitUntilCaughtUp();

    const tokens = new Map(codes.map((code) => [code, token('enterprise', code)]));
    const agencyOf = (i: number) => AGENCIES[i % AGENCIES.length];
    const outcomes: (HttpResult | ConnectionError)[] = new Array(codes.length);
    let terminatedAt = 0;
    await Promise.all(
      codes.map((code, i) =>
        call('PUT', `${first.url}/v1/campaigns/${CAMPAIGN}/evaluations/${agencyOf(i)}`, { token: tokens.get(code), body: { rating: 'satisfied' } }).then(
          (response) => {
            outcomes[i] = response;
            // SIGTERM as soon as the server is visibly busy, with most of the burst still in hand.
            if (!terminatedAt) {
              terminatedAt = Date.now();
              first.child.kill('SIGTERM');
            }
          },
          (error: unknown) => {
            if (!(error instanceof ConnectionError)) throw error;
            outcomes[i] = error;
          },
        ),
      ),
    );
    expect(await first.waitForExit(5_000)).toEqual({ code: 0, signal: null });
    expect(first.stderr).toBe('');

    const answered = outcomes.filter((o): o is HttpResult => !(o instanceof ConnectionError));
    const unclean = answered.filter((r) => !(r.status >= 200 && r.status < 300) && !(r.status !== 500 && r.contentType.startsWith('application/problem+json')));
    expect(unclean).toEqual([]);
    const acknowledged = codes.filter((_, i) => {
      const o = outcomes[i];
      return !(o instanceof ConnectionError) && o.status >= 200 && o.status < 300;
    });
    expect(acknowledged.length).toBeGreaterThan(0);

    const second = await ServerProcess.start(dataDir);
    servers.push(second);
    await second.waitUntilCaughtUp();
    const stored = await storedBallots(second, CAMPAIGN, codes, { enterprise: (code) => tokens.get(code)!, auditor: auditorToken });
    for (const code of acknowledged) expect(stored.has(code) ? code : `${code} lost`).toBe(code);
    expect([...stored.values()].filter((b) => b.events !== 1)).toEqual([]);

    const report = await call('GET', `${second.url}/v1/reports/campaigns/${CAMPAIGN}`, { token: analystToken });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ respondents: stored.size, evaluations: stored.size });
  });
});

describe('a bad configuration', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-config-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    ['SURVEY_JWT_SECRET', 'missing', { PORT: '0' }],
    ['SURVEY_JWT_SECRET', 'too short', { PORT: '0', SURVEY_JWT_SECRET: 'short' }],
    ['PORT', 'not a number', { PORT: 'abc', SURVEY_JWT_SECRET: TEST_SECRET }],
  ])('stops start-up with one stderr line naming %s (%s)', async (variable, _why, vars) => {
    const run = await runToExit({ DATA_DIR: dataDir, ...vars });
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
  });
});
