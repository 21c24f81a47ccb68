/**
 * kill -9 in the middle of a burst of submissions: every acknowledged write survives the restart,
 * and the headline counts each stored evaluation exactly once (the projection's checkpoint and its
 * read-model changes commit together, so the restart neither loses nor re-folds a batch).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { token } from './support/app';
import { call, ConnectionError, HttpResult, seedCampaign, ServerProcess, storedBallots } from './support/server-process';
import { describeOnEmbeddedStores } from './support/stores';
import { pause } from '@survey/domain/testing';

jest.setTimeout(60_000);

const CAMPAIGN = 'crash-2019';
const ENTERPRISES = 200;
const AGENCIES = ['tax', 'police', 'housing'];
/** SIGKILL goes out when this many responses are back, with the rest still in flight. */
const KILL_AFTER = 50;

const adminToken = token('admin', 'admin-1');
const analystToken = token('analyst', 'analyst-1');
const auditorToken = token('auditor', 'auditor-1');

describeOnEmbeddedStores('kill -9 during a burst of submissions', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-crash-'));
  const servers: ServerProcess[] = [];

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill('SIGKILL')));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged submission and counts every stored one once after the restart', async () => {
    const first = await ServerProcess.start(dataDir);
    servers.push(first);
    const codes = await seedCampaign(first, CAMPAIGN, ENTERPRISES, adminToken);
    await first.waitUntilCaughtUp();

    // Sign every token up front, so the burst is only I/O.
    const tokens = new Map(codes.map((code) => [code, token('enterprise', code)]));
    const agencyOf = (i: number) => AGENCIES[i % AGENCIES.length];
    const ratingOf = (i: number) => (i % 5 === 0 ? 'dissatisfied' : 'satisfied');
    const outcomes: (HttpResult | ConnectionError)[] = new Array(codes.length);
    let responses = 0;
    // Requests start 1 ms apart, so however fast the server answers, the 50th response cannot
    // come back before most of the 200 are still in flight or yet to be sent: the kill always
    // cuts some off (all 200 at once were sometimes all answered before SIGKILL landed).
    await Promise.all(
      codes.map((code, i) =>
        pause(i).then(() => call('PUT', `${first.url}/v1/campaigns/${CAMPAIGN}/evaluations/${agencyOf(i)}`, { token: tokens.get(code), body: { rating: ratingOf(i) } })).then(
          (response) => {
            outcomes[i] = response;
            if (++responses === KILL_AFTER) first.child.kill('SIGKILL');
          },
          (error: unknown) => {
            if (!(error instanceof ConnectionError)) throw error;
            outcomes[i] = error;
          },
        ),
      ),
    );
    expect(await first.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

    const answered = outcomes.filter((o): o is HttpResult => !(o instanceof ConnectionError));
    const cutOff = outcomes.filter((o) => o instanceof ConnectionError);
    expect(answered.map((r) => r.status)).toEqual(answered.map(() => 201));
    expect(answered.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(cutOff.length).toBeGreaterThan(0);
    const acknowledged = codes.filter((_, i) => !(outcomes[i] instanceof ConnectionError));

    const second = await ServerProcess.start(dataDir);
    servers.push(second);
    await second.waitUntilCaughtUp();

    const stored = await storedBallots(second, CAMPAIGN, codes, { enterprise: (code) => tokens.get(code)!, auditor: auditorToken });
    for (const code of acknowledged) expect(stored.has(code) ? code : `${code} lost`).toBe(code);
    for (const [code, ballot] of stored) {
      const i = codes.indexOf(code);
      expect({ code, ...ballot }).toEqual({ code, agencyId: agencyOf(i), rating: ratingOf(i), events: 1 });
    }

    const report = await call('GET', `${second.url}/v1/reports/campaigns/${CAMPAIGN}`, { token: analystToken });
    expect(report.status).toBe(200);
    const headline = report.body as { respondents: number; evaluations: number; satisfaction: { n: number }; agencies: { agencyId: string; evaluations: number }[] };
    expect({ respondents: headline.respondents, evaluations: headline.evaluations, n: headline.satisfaction.n }).toEqual({
      respondents: stored.size, evaluations: stored.size, n: stored.size,
    });
    const perAgency = Object.fromEntries(AGENCIES.map((a) => [a, [...stored.values()].filter((b) => b.agencyId === a).length]));
    expect(Object.fromEntries(headline.agencies.map((a) => [a.agencyId, a.evaluations]))).toEqual(perAgency);
  });
});
