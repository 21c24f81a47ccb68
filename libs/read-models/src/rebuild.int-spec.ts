/**
 * Rebuild over real SQLite files, with the live projector running on its own connection to the
 * same read-model file (as the API process does while the CLI rebuilds): writes continue during
 * the rebuild, the live projector follows the switch, nothing is lost or counted twice, and an
 * interrupted rebuild resumes from its own checkpoint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SurveyEvent } from '@survey/domain';
import { SqliteEventStore } from '@survey/event-store';
import type { EventStore } from '@survey/event-store';
import { AgencyStatsDoc, CampaignStatsDoc, COLLECTIONS as C } from './projections/report-docs';
import { reportsProjection } from './projections/reports.projection';
import { GenerationBusy } from './generations';
import { Projector } from './projector/projector';
import { Rebuild } from './rebuild';
import type { ReadModelStore } from './read-model-store.port';
import { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';
import { aHistory, counts, expectedCounts } from './testing/report-history';
import { pause } from '@survey/domain/testing';
import { streamOf, toNew } from '@survey/event-store/testing';

const dir = mkdtempSync(join(tmpdir(), 'rebuild-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function world() {
  const prefix = join(dir, String(++n));
  const events = SqliteEventStore.open(`${prefix}-events.db`, { pollIntervalMs: 20 });
  // Two connections, each with its own writer thread: the API's and the CLI's.
  const live = SqliteReadModelStore.open(`${prefix}-read-models.db`);
  const cli = SqliteReadModelStore.open(`${prefix}-read-models.db`);
  const projector = new Projector(events, live, reportsProjection, { batchSize: 100 });
  cleanups.push(() => events.close(), () => live.close(), () => cli.close(), () => projector.stop());
  return { events, live, cli, projector };
}

async function append(events: EventStore, history: SurveyEvent[], from: number, to: number): Promise<void> {
  await Promise.all(history.slice(from, to).map((e, i) => events.append(streamOf(e), [toNew(e, from + i)], 'any')));
}

/** Appends the rest of the history in small bursts until told to stop, as submissions keep arriving. */
function keepAppending(events: EventStore, history: SurveyEvent[], from: number, to: number) {
  let next = from;
  let stopped = false;
  const done = (async () => {
    while (!stopped && next < to) {
      const end = Math.min(next + 25, to);
      await append(events, history, next, end);
      next = end;
      await pause(2);
    }
  })();
  return { stop: async () => ((stopped = true), await done, next) };
}

async function expectCountsOf(readModels: ReadModelStore, history: SurveyEvent[]): Promise<void> {
  for (const [campaignId, { respondents, levels, questions, agencies }] of Object.entries(expectedCounts(history))) {
    const stats = (await readModels.get<CampaignStatsDoc>(C.campaignStats, campaignId))!;
    expect({ respondents: stats.respondents, ...counts(stats) }).toEqual({ respondents, levels, questions });
    const docs = await readModels.list<AgencyStatsDoc>(C.agencyStats, `${campaignId}/`);
    const byAgency = docs.map((d) => [d.agencyId, counts(d)] as const).filter(([, c]) => Object.keys(c.levels).length > 0);
    expect(Object.fromEntries(byAgency)).toEqual(agencies);
  }
}

describe('Rebuild over SQLite, beside a live projector', () => {
  it('switches to a fresh generation while writes continue, and the live projector carries on there', async () => {
    const { events, live, cli, projector } = world();
    const history = aHistory(3000);
    await append(events, history, 0, 1500);
    await projector.start();
    await projector.catchUp(10_000);

    const writer = keepAppending(events, history, 1500, 2600);
    const outcome = await new Rebuild(events, cli, reportsProjection, { batchSize: 100, pollMs: 5 }).run();
    const written = await writer.stop();
    expect(outcome).toMatchObject({ outcome: 'switched', generation: 1, previous: 0, resumedFrom: 0 });
    expect(outcome.position).toBeGreaterThanOrEqual(1500);

    await append(events, history, written, history.length);
    await projector.catchUp(10_000);
    expect(projector.generation).toBe(1);
    expect(await live.servedCheckpoint(reportsProjection.name)).toMatchObject({ generation: 1, position: await events.headPosition() });
    await expectCountsOf(live, history);
    expect(await cli.getMany(C.campaignStats, ['xz-2018', 'xz-2019'], 0)).toEqual(new Map()); // the old generation is gone
  });

  it('stops when interrupted, keeping its checkpoint, refuses a second rebuild meanwhile, and a later run resumes', async () => {
    const { events, live, cli, projector } = world();
    const history = aHistory(3000);
    await append(events, history, 0, history.length);
    await projector.start();
    await projector.catchUp(10_000);

    const abort = new AbortController();
    // Each batch of the first rebuild takes at least 5 ms, so it cannot finish the remaining 2,500
    // events while the second one is being refused (on a fast machine it once did).
    const slowed = new Proxy(events, {
      get: (target, key) => {
        if (key === 'subscribeToAll') {
          return ((options, handler, onError) =>
            target.subscribeToAll(options, async (batch) => {
              await pause(5);
              await handler(batch);
            }, onError)) as EventStore['subscribeToAll'];
        }
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    // Two batches per commit: its position moves on every 100 events, and it holds a batch when interrupted.
    const first = new Rebuild(slowed, cli, reportsProjection, { batchSize: 50, holdEvents: 100, pollMs: 1, signal: abort.signal });
    const running = first.run();
    while (first.status().position < 500) await pause(1);
    await expect(new Rebuild(events, live, reportsProjection).run()).rejects.toThrow(GenerationBusy); // one rebuild at a time
    abort.abort();
    const interrupted = await running;
    expect(interrupted).toMatchObject({ outcome: 'interrupted', generation: 1 });
    expect(interrupted.position).toBeLessThan(history.length);
    expect(await cli.checkpoint(reportsProjection.name, 1)).toMatchObject({ position: interrupted.position });
    expect(await live.servedCheckpoint(reportsProjection.name)).toMatchObject({ generation: 0, position: history.length });

    const resumed = await new Rebuild(events, cli, reportsProjection, { batchSize: 500 }).run();
    expect(resumed).toMatchObject({ outcome: 'switched', generation: 1, resumedFrom: interrupted.position, position: history.length });
    await expectCountsOf(live, history);
    expect(await live.servedCheckpoint(reportsProjection.name)).toMatchObject({ generation: 1 });
  });
});
