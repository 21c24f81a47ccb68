/**
 * Aggregates.series on a real SQLite log: steps taken in a row on a state the caller holds are
 * each decided on the state the previous left, recorded with their own meta and clock, and land
 * in one append; a series started on a stale state is refused whole by its expected revision,
 * never written, while another stream's series in the same commit goes in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decider, WrongExpectedRevision } from '@survey/domain';
import { SqliteEventStore } from '@survey/event-store';
import { Aggregates } from './aggregates';
import { ManualClock } from './clock';
import type { CommandMeta } from './command-meta';

type Added = { type: 'Added'; data: { amount: number } };
type Tally = { total: number; steps: number };
/** A tally that refuses to go above its context's limit. */
const tally: Decider<{ add: number }, Added, Tally, { limit: number }> = {
  initialState: () => ({ total: 0, steps: 0 }),
  evolve: (s, e) => ({ total: s.total + e.data.amount, steps: s.steps + 1 }),
  decide: (c, s, ctx) => (s.total + c.add > ctx.limit ? [] : [{ type: 'Added', data: { amount: c.add } }]),
};
const meta: CommandMeta = { actor: { role: 'admin', sub: 'test' }, correlationId: 'c-1' };
const context = () => ({ limit: 10 });

describe('Aggregates.series', () => {
  let dir: string;
  let events: SqliteEventStore;
  let aggregates: Aggregates;
  const commits: number[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aggregates-queue-'));
    commits.length = 0;
    events = SqliteEventStore.open(join(dir, 'events.db'), { onCommit: (appends) => commits.push(appends) });
    aggregates = new Aggregates(events, new ManualClock(new Date('2019-11-02T01:00:00Z')));
  });

  afterEach(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('decides each step on the state the previous left and appends them together, in order, each recorded as its own', async () => {
    const clock = new ManualClock(new Date('2019-11-02T01:00:00Z'));
    aggregates = new Aggregates(events, clock);
    const series = aggregates.series('tally-a', tally, { state: tally.initialState(), revision: -1 });
    for (const [k, add] of [3, 4, 5, 2].entries()) {
      clock.set(new Date(Date.parse('2019-11-02T01:00:00Z') + k * 60_000));
      await series.decide({ add }, context, { ...meta, correlationId: `c-${k}` });
    }
    // 3 + 4 = 7, then 5 would pass the limit (decided on the state the first two left): nothing for it, then 2.
    expect(series.known).toEqual({ state: { total: 9, steps: 3 }, revision: 2 });
    expect(commits).toEqual([]);
    await series.append();
    expect(commits).toEqual([1]); // one append, one commit
    const stored = await events.readStream('tally-a');
    expect(stored.map((e) => [e.revision, (e.data as Added['data']).amount, e.metadata.correlationId, e.metadata.recordedAt])).toEqual([
      [0, 3, 'c-0', '2019-11-02T01:00:00.000Z'], [1, 4, 'c-1', '2019-11-02T01:01:00.000Z'], [2, 2, 'c-3', '2019-11-02T01:03:00.000Z'],
    ]);
    expect((await aggregates.load('tally-a', tally)).state).toEqual(series.known.state);
    await expect(series.decide({ add: 1 }, context, meta)).rejects.toThrow(/after its append/);
  });

  it('refuses a whole series started on a stale state, writing none of it', async () => {
    await events.append('tally-b', [{ id: '0190f3a0-0000-7000-8000-000000000001', type: 'Added', data: { amount: 1 }, metadata: { schemaVersion: 1, recordedAt: '2019-11-02T00:00:00.000Z', actor: meta.actor, correlationId: 'c-0', causationId: 'c-0' } }], 'no_stream');
    commits.length = 0;
    const stale = aggregates.series('tally-b', tally, { state: tally.initialState(), revision: -1 });
    await stale.decide({ add: 2 }, context, meta);
    await stale.decide({ add: 3 }, context, meta);
    const other = aggregates.series('tally-c', tally, { state: tally.initialState(), revision: -1 });
    await other.decide({ add: 4 }, context, meta);
    const [refused, appended] = await Promise.allSettled([stale.append(), other.append()]);
    expect(refused.status === 'rejected' && refused.reason).toBeInstanceOf(WrongExpectedRevision);
    expect(appended.status).toBe('fulfilled');
    expect(commits).toEqual([2]); // both in one commit, one refused
    expect((await events.readStream('tally-b')).map((e) => (e.data as Added['data']).amount)).toEqual([1]);
    expect((await aggregates.load('tally-b', tally)).state).toEqual({ total: 1, steps: 1 });
    expect((await events.readStream('tally-c')).map((e) => (e.data as Added['data']).amount)).toEqual([4]);
  });
});
