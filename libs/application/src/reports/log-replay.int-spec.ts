/**
 * LogReplay over a real SQLite log, replaying on real worker threads: the prefix up to a time,
 * times that mean the same position sharing one replay (kept and in flight), a log whose
 * recordedAt goes back, one pass for several positions, and the 503 beyond the queue.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SurveyEvent } from '@survey/domain';
import { SqliteEventStore } from '@survey/event-store';
import { CampaignStatsDoc, COLLECTIONS, MemoryDocs } from '@survey/read-models';
import type { AppConfig } from '../config/config';
import { TryLater } from '../infrastructure/try-later';
import { ReplayPool } from '../replay/replay-pool';
import { LogReplay } from './log-replay';
import { acme, globex, initech, opened, submitted } from '@survey/domain/testing';
import { recordedAtOf, streamOf, toNew } from '@survey/event-store/testing';

const minute = (index: number, seconds = 0) => new Date(Date.parse(recordedAtOf(index)) + seconds * 1000);

// Each test starts real worker threads, which under jest compile the fold from TypeScript
// (@swc-node/register) on first use: on a busy 2-core machine that alone can pass jest's 5 s.
jest.setTimeout(30_000);

describe('LogReplay', () => {
  let dir: string;
  let store: SqliteEventStore;
  let written: number;
  const open: { pool: ReplayPool; replay: LogReplay }[] = [];
  /** Appends each event one minute after the previous one, or at the minutes given. */
  const append = async (events: SurveyEvent[], minutes?: number[]) => {
    for (const [i, e] of events.entries()) {
      await store.append(streamOf(e), [toNew(e, minutes?.[i] ?? written)], 'any');
      written += 1;
    }
  };
  const respondents = (docs: MemoryDocs) => docs.get<CampaignStatsDoc>(COLLECTIONS.campaignStats, 'xz-2019')?.respondents;

  function replayer(replays = { workers: 2, queue: 8 }) {
    const config = { dataDir: dir, replays } as AppConfig;
    const pool = new ReplayPool(config);
    const tasks: unknown[] = [];
    const run = pool.run.bind(pool);
    pool.run = (task, onProgress) => (tasks.push(task), run(task, onProgress));
    const replay = new LogReplay(store, config, pool);
    open.push({ pool, replay });
    return { replay, tasks };
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'log-replay-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
    written = 0;
    await append([opened(), submitted(acme, 'tax', 'satisfied'), submitted(globex, 'tax', 'satisfied')]); // minutes 0, 1, 2
  });
  afterEach(async () => {
    for (const { pool, replay } of open.splice(0)) await Promise.all([pool.onApplicationShutdown(), replay.onApplicationShutdown()]);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds the events recorded up to the time, and shares one replay among times that mean the same position', async () => {
    const { replay, tasks } = replayer();
    // Both between the two submissions, a second apart: in flight together, then again from what is kept.
    const [first, second] = await Promise.all([replay.at(minute(1, 20)), replay.at(minute(1, 21))]);
    expect(first).toMatchObject({ position: 2, recordedAt: recordedAtOf(1) });
    expect(respondents(first.docs)).toBe(1);
    expect(second).toBe(first);
    expect(await replay.at(minute(1, 59))).toBe(first);
    expect(tasks).toHaveLength(1);
  });

  it('follows the head for a time still to come', async () => {
    const { replay, tasks } = replayer();
    const future = new Date('2099-01-01T00:00:00Z');
    const first = await replay.at(future);
    expect(first).toMatchObject({ position: 3, recordedAt: recordedAtOf(2) });
    expect(await replay.at(future)).toBe(first); // head unchanged
    await append([submitted(initech, 'police', 'dissatisfied')]);
    const second = await replay.at(future);
    expect(second).toMatchObject({ position: 4, recordedAt: recordedAtOf(3) });
    expect(respondents(second.docs)).toBe(3);
    expect(tasks).toHaveLength(2);
  });

  it('folds nothing before the first event, without a thread', async () => {
    const { replay, tasks } = replayer();
    const none = await replay.at(minute(0, -1));
    expect(none).toMatchObject({ position: 0, recordedAt: null });
    expect(respondents(none.docs)).toBeUndefined();
    expect(tasks).toHaveLength(0);
  });

  it('stops at the first event recorded after the time when recordedAt goes back along the log', async () => {
    // Minutes 0, 1, 2 (beforeEach), then 9, 4, 5, 6, 7, 8: as of minute 5 or 7:30 the prefix ends at position 3.
    const codes = ['91110000100000000A', '91110000100000001Y', '91110000100000002U', '91110000100000003P', '91110000100000004L', '91110000100000005H'];
    await append(codes.map((code) => submitted(code, 'tax', 'satisfied')), [9, 4, 5, 6, 7, 8]);
    const { replay, tasks } = replayer();
    // Bisection lands on position 6 (minute 5), but the fold to it saw minute 9: folded by the time instead.
    const asOf = await replay.at(minute(5));
    expect(asOf).toMatchObject({ position: 3, recordedAt: recordedAtOf(2) });
    expect(respondents(asOf.docs)).toBe(2);
    expect(tasks).toHaveLength(2);
    // Past that position the bisection is no longer tried: straight to a fold by the time.
    expect(await replay.at(minute(7, 30))).toMatchObject({ position: 3 });
    expect(await replay.at(minute(10))).toMatchObject({ position: 9, recordedAt: recordedAtOf(8) });
    expect(tasks).toHaveLength(4);
  });

  it('folds several positions in one pass, each as a replay up to it alone would', async () => {
    const { replay, tasks } = replayer();
    const [two, three] = await replay.atPositions([2, 3]);
    expect([two.position, three.position, respondents(two.docs), respondents(three.docs)]).toEqual([2, 3, 1, 2]);
    expect(tasks).toHaveLength(1);
    const alone = replayer().replay;
    expect((await alone.atPositions([2]))[0].docs).toEqual(two.docs);
  });

  it('refuses a replay beyond the running and waiting ones with 503 and a Retry-After', async () => {
    const { replay } = replayer({ workers: 1, queue: 0 });
    const [running, refused] = await Promise.allSettled([replay.at(minute(1, 30)), replay.at(minute(2, 30))]);
    expect(running).toMatchObject({ status: 'fulfilled', value: { position: 2 } });
    expect(refused.status).toBe('rejected');
    const error = (refused as PromiseRejectedResult).reason as TryLater;
    expect(error).toBeInstanceOf(TryLater);
    expect(error.status).toBe(503);
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Nothing refused is kept: the same time replays once there is room.
    expect(await replay.at(minute(2, 30))).toMatchObject({ position: 3 });
  });
});
