/**
 * The API answers within seconds of its start whatever the length of its log (issue 16), on the
 * built server over a fresh log of 150,001 events written into events.db and no read models yet:
 * - /v1/health answers while the projections and the log's other followers are still catching up
 *   (readiness 200, naming them in `catchingUp`), each call in well under a second — before, the
 *   catch-up held the event loop in one piece and nothing answered until it was over (45–50 s on
 *   the bench's million events);
 * - a headline report asked meanwhile gives the figures of the position it says (`asOf`), never a
 *   mix, and once settled those of the whole log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore } from '@survey/event-store';
import { opened, pause, submitted } from '@survey/domain/testing';
import { streamOf, toNew } from '@survey/event-store/testing';
import { token } from './support/app';
import { creditCode } from './support/fixtures';
import { call, ServerProcess } from './support/server-process';
import { describeOnEmbeddedStores } from './support/stores';

const BALLOTS = 50_000;
const AGENCIES = ['tax', 'police', 'market'];
/** Ratings that are no bad review: the reactor opens no case, so what is measured is the catch-up alone. */
const GOOD = ['satisfied', 'very_satisfied'];

/** The campaign (position 1), then each ballot's three ratings: every event after the first is one evaluation. */
async function writeLog(dataDir: string): Promise<number> {
  const store = SqliteEventStore.open(join(dataDir, 'events.db'));
  await store.append(streamOf(opened()), [toNew(opened(), 0)], 'no_stream');
  for (let chunk = 0; chunk < BALLOTS / 1000; chunk++) {
    await Promise.all(Array.from({ length: 1000 }, (_, k) => {
      const b = chunk * 1000 + k;
      const events = AGENCIES.map((agency, a) => submitted(creditCode(b + 1), agency, GOOD[(b + a) % GOOD.length]));
      return store.append(streamOf(events[0]), events.map((e, a) => toNew(e, 1 + 3 * b + a)), 'no_stream');
    }));
  }
  const head = await store.headPosition();
  await store.close();
  return head;
}

type Ready = { status: string; head: number; projections: { name: string; lag: number }[]; catchingUp?: string[] };
type Headline = { evaluations: number; asOf?: { position: string } };

describeOnEmbeddedStores('start-up on a long log (built server)', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  let head: number;
  const analyst = token('analyst', 'start-up');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'survey-start-up-'));
    head = await writeLog(dataDir);
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
    expect(ready.head).toBe(head);
    expect(ready.projections.some((p) => p.lag > 0)).toBe(true);
    expect(ready.catchingUp).toEqual(expect.arrayContaining(['reports']));

    const health: number[] = [];
    const reports: Headline[] = [];
    for (let settled = false; !settled; ) {
      const started = performance.now();
      expect((await call('GET', `${server.url}/v1/health`)).status).toBe(200);
      health.push(performance.now() - started);
      const report = await call('GET', `${server.url}/v1/reports/campaigns/xz-2019`, { token: analyst });
      if (report.status === 200) reports.push(report.body as Headline);
      else expect(report.status).toBe(404); // the campaign itself not folded yet
      settled = ((await call('GET', `${server.url}/v1/health/ready`)).body as Ready).catchingUp?.length === 0;
      await pause(20);
    }
    expect(health.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...health)).toBeLessThan(1000);
    // Each report is the log up to the position it names: every event after the campaign is one evaluation.
    for (const r of reports) expect(r.evaluations).toBe(Number(r.asOf?.position) - 1);
    expect(reports.some((r) => r.evaluations < 3 * BALLOTS)).toBe(true);
    const last = (await call('GET', `${server.url}/v1/reports/campaigns/xz-2019`, { token: analyst })).body as Headline;
    expect(last.evaluations).toBe(3 * BALLOTS);
  }, 240_000);
});
