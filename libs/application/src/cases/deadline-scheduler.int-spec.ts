/**
 * The deadline scheduler on a real SQLite log, with a clock moved by hand: a deadline passed with its
 * step not done is recorded once, with `due` as recorded and its deterministic id, also when it
 * passed before the scheduler started and when two schedulers look at once; a met deadline is not;
 * a case nobody followed up within seven days closes with `followUp: null`; a pass looks only at
 * the cases with something due, and again at one whose append failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseDeadlineMissedEventId, RectificationEvent, streams, SurveyEvent } from '@survey/domain';
import { acme, globex, opened, registered, submitted } from '@survey/domain/testing';
import { RecordedEvent, SqliteEventStore } from '@survey/event-store';
import { streamOf, toNew } from '@survey/event-store/testing';
import { SqliteReadModelStore } from '@survey/read-models';
import { CalendarLoader } from '../calendar/calendar-loader';
import type { AppConfig } from '../config/config';
import { Aggregates } from '../runtime/aggregates';
import { ManualClock } from '../runtime/clock';
import { CaseDeadlines } from './case-deadlines';
import { CaseReactor } from './case-reactor';
import { CaseRuntime } from './case-runtime';
import { DeadlineScheduler } from './deadline-scheduler';

jest.setTimeout(30_000);

const calendars = new CalendarLoader({});
const config = { cases: { contactDays: 1, rectifyDays: 15 } } as AppConfig;

describe('DeadlineScheduler', () => {
  let dir: string;
  let events: SqliteEventStore;
  let readModels: SqliteReadModelStore;
  let clock: ManualClock;
  const stoppers: { stop(): Promise<void> }[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deadline-scheduler-'));
    events = SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 20 });
    readModels = SqliteReadModelStore.open(join(dir, 'read-models.db'));
    clock = new ManualClock(new Date('2019-11-15T08:30:00Z'));
    // Bad reviews on Friday 2019-11-15 (16:00 and 16:02 in Shanghai): contact due 11-18T16:00Z, rectify 12-06T16:00Z.
    const history: SurveyEvent[] = [opened(), registered(acme), submitted(acme, 'tax', 'dissatisfied'), registered(globex), submitted(globex, 'tax', 'very_dissatisfied')];
    for (const [i, e] of history.entries()) await events.append(streamOf(e), [toNew(e, i)], 'any');
    const reactor = new CaseReactor(events, readModels, runtime());
    stoppers.push(reactor);
    await reactor.start();
    await reactor.waitFor(await events.headPosition());
  });
  afterEach(async () => {
    for (const s of stoppers.splice(0)) await s.stop();
    await events.close();
    await readModels.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runtime = () => new CaseRuntime(new Aggregates(events, clock), calendars, config);
  const scheduler = async () => {
    const s = new DeadlineScheduler(events, runtime());
    stoppers.push(s);
    await s.start();
    return s;
  };
  const caseStreams = async () => [...new Set((await events.readAll(0, 10_000)).filter((e) => e.stream.startsWith('rectification-')).map((e) => e.stream))];
  const missed = async () => (await events.readAll(0, 10_000)).filter((e) => e.type === 'RectificationDeadlineMissed') as (RecordedEvent & RectificationEvent)[];
  const step = async (stream: string, type: string, data: object, at: string) => {
    const [first] = await events.readStream(stream);
    const { caseId, campaignId, agencyId } = first.data as { caseId: string; campaignId: string; agencyId: string };
    const recorded = await events.readStream(stream);
    await events.append(stream, [{ ...toNew(opened(), 0), type, data: { caseId, campaignId, agencyId, ...data, at } }], recorded.length - 1);
  };

  it('records a contact deadline that passed before it started, once, with due as recorded and its deterministic id', async () => {
    clock.set('2019-11-20T02:00:00Z');
    const [a, b] = await Promise.all([scheduler(), scheduler()]);
    await Promise.all([a.tick(), b.tick()]);
    const recorded = await missed();
    expect(recorded).toHaveLength(2);
    for (const e of recorded) {
      expect(e.data).toMatchObject({ deadline: 'contact', round: 1, due: '2019-11-18T16:00:00.000Z', at: '2019-11-20T02:00:00.000Z' });
      expect(e.id).toBe(caseDeadlineMissedEventId((e.data as { caseId: string }).caseId, 'contact', 1));
      expect(e.metadata.actor).toEqual({ role: 'system', sub: 'deadline-scheduler' });
    }
    await Promise.all([a.tick(), b.tick(), (await scheduler()).tick()]);
    expect(await missed()).toHaveLength(2);
  });

  it('takes what is due in rounds of passLimit within one tick, and says it is settled only once all of it is recorded and folded', async () => {
    const s = await scheduler();
    s.passLimit = 1;
    clock.set('2019-11-20T02:00:00Z');
    expect(s.settled()).toBe(false);
    await s.tick();
    expect(await missed()).toHaveLength(2);
    await s.caughtUp();
    await s.tick(); // what it appended is folded: nothing is due any more
    expect(s.settled()).toBe(true);
    expect(await missed()).toHaveLength(2);
  });

  it('records nothing before a deadline or for a step done in time; the rectify deadline once it passes', async () => {
    const [first, second] = await caseStreams();
    await step(first, 'EnterpriseContacted', { channel: 'phone', summary: '回访' }, '2019-11-18T02:00:00.000Z');
    const s = await scheduler();
    clock.set('2019-11-18T15:59:59Z');
    await s.tick();
    expect(await missed()).toHaveLength(0);
    clock.set('2019-12-07T00:00:00Z');
    await s.caughtUp();
    await s.tick();
    const recorded = (await missed()).map((e) => [e.stream, (e.data as { deadline: string }).deadline]);
    expect(recorded.sort()).toEqual([[first, 'rectify'], [second, 'contact'], [second, 'rectify']].sort());
  });

  it('looks only at the cases with something due by the clock, and again at one whose append failed', async () => {
    const dueOn = jest.spyOn(CaseDeadlines.prototype, 'dueOn');
    const s = await scheduler();
    clock.set('2019-11-18T15:59:59Z');
    await s.tick();
    expect(dueOn).not.toHaveBeenCalled();
    expect(s.nextDue()).toBe('2019-11-18T16:00:00.000Z');
    // The store refuses the first append of the pass: that case is taken again by the next pass, the other is not.
    const append = jest.spyOn(events, 'append').mockRejectedValueOnce(new Error('disk full'));
    clock.set('2019-11-20T02:00:00Z');
    await s.tick();
    expect(dueOn).toHaveBeenCalledTimes(2);
    expect(await missed()).toHaveLength(1);
    await s.caughtUp();
    await s.tick();
    expect(dueOn).toHaveBeenCalledTimes(3);
    expect(await missed()).toHaveLength(2);
    // Both contacts recorded: nothing due until the rectify deadlines, however often the timer wakes it.
    await s.caughtUp();
    for (const moment of ['2019-11-21T00:00:00Z', '2019-12-06T15:59:59Z']) {
      clock.set(moment);
      await s.tick();
    }
    expect(dueOn).toHaveBeenCalledTimes(3);
    expect(s.nextDue()).toBe('2019-12-06T16:00:00.000Z');
    append.mockRestore();
    dueOn.mockRestore();
  });

  it('closes a case whose enterprise gave no follow-up within seven days, followUp null', async () => {
    const [first] = await caseStreams();
    await step(first, 'EnterpriseContacted', { channel: 'phone', summary: '回访' }, '2019-11-18T02:00:00.000Z');
    await step(first, 'RectificationReported', { round: 1, kind: 'rectified', actions: '已整改', followUpDue: '2019-11-26T16:00:00.000Z' }, '2019-11-19T02:00:00.000Z');
    const s = await scheduler();
    clock.set('2019-11-26T15:00:00Z');
    await s.tick();
    expect((await events.readStream(first)).map((e) => e.type)).not.toContain('RectificationCaseClosed');
    clock.set('2019-11-26T16:00:00Z');
    await s.tick();
    const closing = (await events.readStream(first)).filter((e) => e.type === 'RectificationCaseClosed');
    expect(closing.map((e) => e.data)).toEqual([expect.objectContaining({ outcome: 'rectified', followUp: null })]);
    expect(streams.rectification((closing[0].data as { caseId: string }).caseId)).toBe(first);
  });
});
