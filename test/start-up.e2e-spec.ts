/**
 * The API answers within seconds of its start whatever the length of its log (issue 16), on the
 * built server over a fresh log of 120,001 events written into events.db and no read models yet:
 * - /v1/health answers while the projections and the log's other followers are still catching up
 *   (readiness 200, naming them in `catchingUp`), each call in a small part of the time watched —
 *   before, the catch-up held the event loop in one piece and nothing answered until it was over
 *   (45–50 s on the bench's million events);
 * - a headline report asked meanwhile gives the figures of the position it says (`asOf`), never a
 *   mix. (It watches for a few seconds, not the whole catch-up: that is the bench's to time.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pause } from '@survey/domain/testing';
import { token } from './support/app';
import { writeBallotLog } from './support/ballot-log';
import { call, ServerProcess } from './support/server-process';
import { describeOnEmbeddedStores } from './support/stores';

const BALLOTS = 40_000;
/** How long it watches the catch-up. */
const WATCH_MS = 4000;
/** Ratings that are no bad review: the reactor opens no case, so what is measured is the catch-up alone. */
const GOOD = ['satisfied', 'very_satisfied'];

type Ready = { status: string; head: number; projections: { name: string; lag: number }[]; catchingUp?: string[] };
type Headline = { evaluations: number; asOf?: { position: string } };

describeOnEmbeddedStores('start-up on a long log (built server)', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  let head: number;
  const analyst = token('analyst', 'start-up');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'survey-start-up-'));
    head = await writeBallotLog(dataDir, BALLOTS, GOOD);
  }, 120_000);
  afterAll(async () => {
    await server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers health while it catches up, says what is behind, and never a report of mixed positions', async () => {
    expect(head).toBe(1 + 3 * BALLOTS);
    server = await ServerProcess.start(dataDir, { timeoutMs: 20_000 });
    const first = await call('GET', `${server.url}/v1/health/ready`);
    expect(first.status).toBe(200);
    const ready = first.body as Ready;
    expect(ready.head).toBeGreaterThanOrEqual(head); // and the sealer's seals after it
    expect(ready.projections.some((p) => p.lag > 0)).toBe(true);
    expect(ready.catchingUp).toEqual(expect.arrayContaining(['reports']));

    const health: number[] = [];
    const reports: Headline[] = [];
    const watchStarted = performance.now();
    const watchUntil = Date.now() + WATCH_MS;
    for (let settled = false; !settled && (health.length < 5 || Date.now() < watchUntil); ) {
      const started = performance.now();
      expect((await call('GET', `${server.url}/v1/health`)).status).toBe(200);
      health.push(performance.now() - started);
      const report = await call('GET', `${server.url}/v1/reports/campaigns/xz-2019`, { token: analyst });
      if (report.status === 200) reports.push(report.body as Headline);
      else expect(report.status).toBe(404); // the campaign itself not folded yet
      settled = ((await call('GET', `${server.url}/v1/health/ready`)).body as Ready).catchingUp?.length === 0;
      await pause(20);
    }
    const watched = performance.now() - watchStarted;
    expect(health.length).toBeGreaterThanOrEqual(5);
    // Against the time watched, not a fixed figure (the shared machine's load stretches both): a
    // loop held by the catch-up would keep a call waiting for most of it.
    expect(Math.max(...health)).toBeLessThan(watched / 4);
    // Each report is the log up to the position it names: every event after the campaign up to the
    // written head is one evaluation (the seals after it are none).
    for (const r of reports) expect(r.evaluations).toBe(Math.min(Number(r.asOf?.position), head) - 1);
    expect(reports.some((r) => r.evaluations < 3 * BALLOTS)).toBe(true);
  }, 240_000);
});
