/** LogReplay over a real SQLite log: the prefix up to a time, and when a cached replay is reused. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SurveyEvent } from '@survey/domain';
import { SqliteEventStore } from '@survey/event-store';
import { CampaignStatsDoc, COLLECTIONS, MemoryDocs } from '@survey/read-models';
import { LogReplay } from './log-replay';
import { acme, globex, opened, submitted } from '@survey/domain/testing';
import { recordedAtOf, streamOf, toNew } from '@survey/event-store/testing';

describe('LogReplay', () => {
  let dir: string;
  let store: SqliteEventStore;
  let reads: number;
  let written = 0;
  const append = async (events: SurveyEvent[]) => {
    for (const e of events) await store.append(streamOf(e), [toNew(e, written++)], 'any');
  };
  const respondents = (docs: MemoryDocs) => docs.get<CampaignStatsDoc>(COLLECTIONS.campaignStats, 'xz-2019')?.respondents;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'log-replay-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
    reads = 0;
    written = 0;
    const readAll = store.readAll.bind(store);
    store.readAll = (after, limit) => ((reads += 1), readAll(after, limit));
    await append([opened(), submitted(acme, 'tax', 'satisfied'), submitted(globex, 'tax', 'satisfied')]); // at minutes 0, 1, 2
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds the events recorded up to the time, and reuses the replay once a later event exists', async () => {
    const replay = new LogReplay(store);
    const at = new Date(Date.parse(recordedAtOf(1)) + 30_000); // between the two submissions
    const first = await replay.at(at);
    expect(first).toMatchObject({ position: 2, recordedAt: recordedAtOf(1), final: true });
    expect(respondents(first.docs)).toBe(1);
    const readsSoFar = reads;
    expect(await replay.at(new Date(at))).toBe(first);
    expect(reads).toBe(readsSoFar);
  });

  it('replays again for a time still to come once the head has moved', async () => {
    const replay = new LogReplay(store);
    const future = new Date('2099-01-01T00:00:00Z');
    const first = await replay.at(future);
    expect(first).toMatchObject({ position: 3, final: false });
    const readsSoFar = reads;
    expect(await replay.at(future)).toBe(first); // head unchanged
    expect(reads).toBe(readsSoFar);
    await append([submitted(globex, 'police', 'dissatisfied')]);
    const second = await replay.at(future);
    expect(second).toMatchObject({ position: 4, recordedAt: recordedAtOf(3) });
    expect(reads).toBeGreaterThan(readsSoFar);
  });

  it('folds nothing before the first event', async () => {
    const none = await new LogReplay(store).at(new Date(Date.parse(recordedAtOf(0)) - 1));
    expect(none).toMatchObject({ position: 0, recordedAt: null, final: true });
    expect(respondents(none.docs)).toBeUndefined();
  });
});
