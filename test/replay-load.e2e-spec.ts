/**
 * Replays never hold up the event loop that answers HTTP, on the built server over a log of
 * 60,001 events written straight into events.db (one campaign, 20,000 ballots of three ratings,
 * one event a minute, in order):
 * - while four as-of reports at different times replay at once, /v1/health keeps answering, each
 *   time in well under half the shortest replay (a replay on the event loop would hold health for
 *   about a whole replay);
 * - with REPLAY_WORKERS=2 and REPLAY_QUEUE=2, a fifth and sixth replay at once get 503 problem+json
 *   with Retry-After, and eight times that resolve to one log position share one replay (eight
 *   separate replays would not fit the four places).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LEVELS, pause } from '@survey/domain/testing';
import { recordedAtOf } from '@survey/event-store/testing';
import { token } from './support/app';
import { writeBallotLog } from './support/ballot-log';
import { call, ServerProcess } from './support/server-process';
import { describeOnEmbeddedStores } from './support/stores';

const BALLOTS = 20_000;

/** An as-of time that resolves to `position`: the minute of its event plus some milliseconds. */
const asOfPosition = (position: number, ms = 30_000) => new Date(Date.parse(recordedAtOf(position - 1)) + ms).toISOString();

describeOnEmbeddedStores('replays off the event loop (built server)', () => {
  let dataDir: string;
  let server: ServerProcess;
  let head: number;
  const analyst = token('analyst', 'replay-load');
  const headline = async (asOf: string) => {
    const started = performance.now();
    const res = await fetch(`${server.url}/v1/reports/campaigns/xz-2019?asOf=${encodeURIComponent(asOf)}`, { headers: { authorization: `Bearer ${analyst}` } });
    const answer = { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
    return { res: answer, ms: performance.now() - started };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'survey-replay-load-'));
    head = await writeBallotLog(dataDir, BALLOTS, LEVELS);
    server = await ServerProcess.start(dataDir, { env: { REPLAY_WORKERS: '2', REPLAY_QUEUE: '2', RATE_LIMIT_REPLAYS: 'off' }, timeoutMs: 60_000 });
    // Settled, not only the projections caught up: ratings of the negative levels are bad reviews, so the case reactor
    // opens thousands of cases and the scheduler records their deadlines (long passed on today's
    // clock) right after; health measured meanwhile measures that one-off work, not the replays.
    await server.waitUntilSettled(180_000);
  }, 300_000);
  afterAll(async () => {
    await server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('wrote the log it means to', () => {
    expect(head).toBe(1 + 3 * BALLOTS);
  });

  it('keeps /v1/health answering while four as-of replays run', async () => {
    let replaying = true;
    const health: number[] = [];
    const polling = (async () => {
      while (replaying) {
        const started = performance.now();
        expect((await call('GET', `${server.url}/v1/health`)).status).toBe(200);
        health.push(performance.now() - started);
        await pause(10);
      }
    })();
    const replays = await Promise.all([50_000, 52_000, 54_000, 56_000].map((p) => headline(asOfPosition(p))));
    replaying = false;
    await polling;
    for (const [i, { res }] of replays.entries()) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ asOf: { position: String(50_000 + 2_000 * i), recordedAt: recordedAtOf(50_000 + 2_000 * i - 1) } });
    }
    const shortestReplay = Math.min(...replays.map((r) => r.ms));
    expect(health.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...health)).toBeLessThan(shortestReplay / 2);
  }, 120_000);

  it('refuses replays beyond the running and waiting ones with 503 and Retry-After', async () => {
    const answers = await Promise.all([40_000, 41_000, 42_000, 43_000, 44_000, 45_000].map((p) => headline(asOfPosition(p))));
    const statuses = answers.map((a) => a.res.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 503, 503]);
    for (const { res } of answers.filter((a) => a.res.status === 503)) expectRetryLater(res);
  }, 120_000);

  it('shares one replay among times that resolve to the same position', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, (_, k) => headline(asOfPosition(30_000, 1_000 + k))));
    expect(answers.map((a) => a.res.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.res.body))).size).toBe(1);
    expect(answers[0].res.body).toMatchObject({ asOf: { position: '30000' } });
  }, 120_000);
});

function expectRetryLater(res: { headers: Headers; body: unknown }): void {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 503, title: 'Service unavailable', detail: expect.stringMatching(/replays/) });
  expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
}
