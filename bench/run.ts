/**
 * `npm run bench`: every figure next to a baseline measured in the same run, since absolute
 * numbers on a shared 2-core machine mean little. The last line printed is one JSON object.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hammer, prepare, SECRET } from './ingest';
import { writeEvents } from './rebuild';
import { reportLatency } from './report-latency';
import { replayLatency, writeDemoLogInOrder } from './replay-latency';
import { caughtUp, startServer } from './support';

const round = (x: number, digits = 0) => Number(x.toFixed(digits));
/**
 * A larger young generation suits a fold that allocates an object per event (+5–10% measured);
 * the bare reads run in the same process with the same flag, so the ratio stays like for like.
 */
const REBUILD_NODE_FLAGS = ['--max-semi-space-size=64'];

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'survey-bench-'));
  const dist = join(__dirname, '..');
  try {
    console.log('ingest: no-op route (same guard, validation, DTO) for 10 s ...');
    const noop = await startServer(join(dist, 'bench', 'noop-server.js'), { SURVEY_JWT_SECRET: SECRET });
    const noopRun = await hammer(noop.url);
    await noop.stop();

    console.log('ingest: durable submissions for 10 s ...');
    // One admin registers the 20,000 enterprises over HTTP: far above an admin's default write rate.
    const api = await startServer(join(dist, 'apps', 'api', 'src', 'main.js'), { SURVEY_JWT_SECRET: SECRET, DATA_DIR: join(work, 'ingest'), RATE_LIMIT_STAFF_WRITES: 'off' });
    await prepare(api.url);
    const ingestRun = await hammer(api.url);
    await api.stop();

    console.log('rebuild: writing 1,000,000 events ...');
    const logDir = join(work, 'log');
    const events = await writeEvents(logDir, 1_000_000);
    // Let the kernel write back the fresh log first, so neither read competes with that I/O.
    execFileSync('sync');
    // Five runs, each its own process; the one with the median ratio is reported (not the best):
    // single runs on a shared 2-core machine spread by ±15%.
    const runs = [1, 2, 3, 4, 5].map((n) => {
      console.log(`rebuild: bare reads and a full rebuild, run ${n} of 5 ...`);
      const run = JSON.parse(
        execFileSync(process.execPath, [...REBUILD_NODE_FLAGS, join(dist, 'bench', 'read-and-rebuild.js'), logDir], { encoding: 'utf8' }),
      ) as { bareReadPerSec: number; batchedReadPerSec: number; rebuildPerSec: number };
      return { ...run, ratio: run.rebuildPerSec / run.bareReadPerSec };
    });
    console.log(`rebuild ratios of the five runs: ${runs.map((r) => r.ratio.toFixed(3)).join(', ')}`);
    const { bareReadPerSec, batchedReadPerSec, rebuildPerSec } = [...runs].sort((a, b) => a.ratio - b.ratio)[2];

    console.log('report: headline latency over HTTP on the rebuilt demo-shaped data ...');
    const reportServer = await startServer(join(dist, 'apps', 'api', 'src', 'main.js'), { SURVEY_JWT_SECRET: SECRET, DATA_DIR: logDir });
    await caughtUp(reportServer.url);
    const latency = await reportLatency(reportServer.url, 'xz-2019', SECRET);
    await reportServer.stop();

    console.log('replays: the demo log written in recorded order, then health and submission latency, idle and while it is replayed ...');
    const replayDir = join(work, 'replays');
    const world = await writeDemoLogInOrder(replayDir);
    const replayServer = await startServer(join(dist, 'apps', 'api', 'src', 'main.js'), { SURVEY_JWT_SECRET: SECRET, DATA_DIR: replayDir });
    await caughtUp(replayServer.url);
    const replays = await replayLatency(replayServer.url, SECRET, world);
    await replayServer.stop();

    const result = {
      ingestPerSec: round(ingestRun.perSec),
      noopPerSec: round(noopRun.perSec),
      ingestRatio: round(ingestRun.perSec / noopRun.perSec, 3),
      rebuildPerSec: round(rebuildPerSec),
      bareReadPerSec: round(bareReadPerSec),
      rebuildRatio: round(rebuildPerSec / bareReadPerSec, 3),
      reportP50Ms: round(latency.p50, 2),
      reportP99Ms: round(latency.p99, 2),
      batchedReadPerSec: round(batchedReadPerSec),
      rebuildRatioVsBatchedRead: round(rebuildPerSec / batchedReadPerSec, 3),
      events,
      ingestRequests: ingestRun.total,
      healthP99IdleMs: round(replays.health.idle.p99, 2),
      healthP99ReplayingMs: round(replays.health.replaying.p99, 2),
      healthReplayingRatio: round(replays.health.replaying.p99 / replays.health.idle.p99, 2),
      submitP99IdleMs: round(replays.submit.idle.p99, 2),
      submitP99ReplayingMs: round(replays.submit.replaying.p99, 2),
      submitReplayingRatio: round(replays.submit.replaying.p99 / replays.submit.idle.p99, 2),
      replaySeconds: round(replays.replaySeconds, 1),
      replayEvents: world.events,
      replayingSamples: { health: replays.health.replaying.n, submit: replays.submit.replaying.n },
    };
    console.log(
      `\ningest ${result.ingestPerSec}/s vs no-op ${result.noopPerSec}/s = ${result.ingestRatio}; ` +
        `rebuild ${result.rebuildPerSec} events/s vs bare read ${result.bareReadPerSec}/s = ${result.rebuildRatio} ` +
        `(vs a batched raw read ${result.batchedReadPerSec}/s: ${result.rebuildRatioVsBatchedRead}); ` +
        `headline p50 ${result.reportP50Ms} ms, p99 ${result.reportP99Ms} ms; ` +
        `while four as-of reports and a verification replayed ${result.replayEvents} events (${result.replaySeconds} s): ` +
        `health p99 ${result.healthP99ReplayingMs} ms vs ${result.healthP99IdleMs} ms idle, ` +
        `submission p99 ${result.submitP99ReplayingMs} ms vs ${result.submitP99IdleMs} ms idle`,
    );
    console.log(JSON.stringify(result));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
