/**
 * The deadline scheduler on requests, on a real SQLite log with a clock moved by hand: a request's
 * dispatch, accept or resolve deadline passed with its step not done is recorded once (two
 * schedulers at once, a restart), with `due` as recorded and its deterministic id; a deadline met
 * in time is not; an answer not rated within its seven days closes the request `not-rated`.
 * The request: acme's, received Monday 2019-12-09 10:00 Shanghai, dispatch due 12-10 24:00.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requestDeadlineMissedEventId, RequestEvent, streams } from '@survey/domain';
import { caseEvents, endOf, requestEvents } from '@survey/domain/testing';
import { RecordedEvent, SqliteEventStore } from '@survey/event-store';
import { CalendarLoader } from '../calendar/calendar-loader';
import type { AppConfig } from '../config/config';
import { CaseRuntime } from '../cases/case-runtime';
import { DeadlineScheduler } from '../cases/deadline-scheduler';
import { Aggregates } from '../runtime/aggregates';
import { ManualClock } from '../runtime/clock';
import { RequestRuntime } from './request-runtime';

jest.setTimeout(30_000);

const { accepted, dispatched, received, requestId, resolved } = requestEvents;
const { local } = caseEvents;
const stream = streams.request(requestId);
const calendars = new CalendarLoader({});
const config = { cases: { contactDays: 1, rectifyDays: 15 } } as AppConfig;

describe('DeadlineScheduler on requests', () => {
  let dir: string;
  let events: SqliteEventStore;
  let clock: ManualClock;
  const stoppers: { stop(): Promise<void> }[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'request-deadlines-'));
    events = SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 20 });
    clock = new ManualClock(new Date(local('2019-12-09 10:00')));
    await append(received());
  });
  afterEach(async () => {
    for (const s of stoppers.splice(0)) await s.stop();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function append(...recorded: RequestEvent[]) {
    const revision = (await events.readStream(stream)).length - 1;
    const metadata = { schemaVersion: 1, recordedAt: clock.now().toISOString(), actor: { role: 'centre' as const, sub: 'spec' }, correlationId: randomUUID(), causationId: randomUUID() };
    await events.append(stream, recorded.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata })), revision < 0 ? 'no_stream' : revision);
  }
  const scheduler = async () => {
    const aggregates = new Aggregates(events, clock);
    const s = new DeadlineScheduler(events, new CaseRuntime(aggregates, calendars, config), new RequestRuntime(aggregates, calendars, config));
    stoppers.push(s);
    await s.start();
    return s;
  };
  const recorded = async () => (await events.readStream(stream)) as (RecordedEvent & RequestEvent)[];
  const missed = async () => (await recorded()).filter((e) => e.type === 'RequestDeadlineMissed');

  it('records a dispatch deadline that passed before it started, once, with due as recorded and its deterministic id, across two schedulers and a restart', async () => {
    clock.set(local('2019-12-11 09:00'));
    const [a, b] = await Promise.all([scheduler(), scheduler()]);
    await Promise.all([a.tick(), b.tick()]);
    const [only, ...more] = await missed();
    expect(more).toEqual([]);
    expect(only.data).toEqual({ requestId, deadline: 'dispatch', due: endOf('2019-12-10'), round: 1, agencyId: null, at: clock.now().toISOString() });
    expect(only.id).toBe(requestDeadlineMissedEventId(requestId, 'dispatch', endOf('2019-12-10')));
    expect(only.metadata.actor).toEqual({ role: 'system', sub: 'deadline-scheduler' });
    for (const s of stoppers.splice(0)) await s.stop();
    clock.set(local('2019-12-12 09:00'));
    await (await scheduler()).tick();
    expect(await missed()).toHaveLength(1);
  });

  it('records nothing before a deadline or for a step done in time; accept and resolve once they pass', async () => {
    const s = await scheduler();
    clock.set(local('2019-12-10 09:00'));
    await append(dispatched('tax', endOf('2019-12-31'), local('2019-12-10 09:00'), endOf('2019-12-11')));
    await s.caughtUp();
    clock.set(new Date(Date.parse(endOf('2019-12-11')) - 1000));
    await s.tick();
    expect(await missed()).toEqual([]);
    expect(s.nextDue()).toBe(endOf('2019-12-11'));
    clock.set(endOf('2020-01-01'));
    await s.tick();
    expect((await missed()).map((e) => e.type === 'RequestDeadlineMissed' && [e.data.deadline, e.data.due, e.data.agencyId])).toEqual([
      ['accept', endOf('2019-12-11'), 'tax'], ['resolve', endOf('2019-12-31'), 'tax'],
    ]);
    await s.tick();
    expect(await missed()).toHaveLength(2);
  });

  it('closes a resolved request the enterprise did not rate within its seven days, not-rated, once', async () => {
    clock.set(local('2019-12-20 10:00'));
    await append(dispatched(), accepted(), resolved(1, local('2019-12-20 10:00'), endOf('2019-12-27')));
    const s = await scheduler();
    clock.set(new Date(Date.parse(endOf('2019-12-27')) - 1000));
    await s.tick();
    expect((await recorded()).map((e) => e.type)).not.toContain('RequestClosed');
    clock.set(endOf('2019-12-27'));
    await Promise.all([s.tick(), (await scheduler()).tick()]);
    const closings = (await recorded()).filter((e) => e.type === 'RequestClosed');
    expect(closings.map((e) => e.data)).toEqual([expect.objectContaining({ outcome: 'not-rated', rating: null })]);
  });
});
