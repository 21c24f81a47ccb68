/**
 * Readiness on real SQLite stores: ready with both stores answering; 503 naming the store that
 * does not (closed under it, or not answering at all) rather than a constant "ok", and the other
 * store's own status beside it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@survey/event-store';
import { ReadModelStore, reportsProjection, SqliteReadModelStore } from '@survey/read-models';
import { anEvent } from '../../../event-store/src/testing/event-builders';
import type { AppConfig } from '../config/config';
import { NOTIFY_DEFAULTS } from '../config/notify-config';
import { PARKED } from '../notifications/parked';
import { ProjectionCheckpoints } from '../projections/projection-checkpoints';
import { LogFollowers } from './log-followers';
import { PROBE_TIMEOUT_MS, Readiness } from './readiness';
import { CalendarLoader } from '../calendar/calendar-loader';
import { chineseDaysYears } from '../calendar/working-day-calendar';

describe('Readiness', () => {
  let dir: string;
  let events: SqliteEventStore;
  let readModels: SqliteReadModelStore;
  const readiness = (docs: ReadModelStore = readModels, config = {} as AppConfig) =>
    new Readiness(new ProjectionCheckpoints(events, docs, [reportsProjection]), events, docs, config);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'readiness-'));
    events = SqliteEventStore.open(join(dir, 'events.db'));
    readModels = SqliteReadModelStore.open(join(dir, 'read-models.db'));
    await events.append('campaign-xz-2019', [anEvent(), anEvent()], 'no_stream');
  });
  afterEach(async () => {
    await events.close().catch(() => undefined);
    await readModels.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the parked notices with the webhook configured, and stays ready with them', async () => {
    const notify = { url: 'http://127.0.0.1:9/', secret: 'x'.repeat(32), ...NOTIFY_DEFAULTS };
    const parked = (key: string) => ({ collection: PARKED, id: key, doc: { key } });
    await readModels.commit('notifications', [parked('a'), parked('b:due-contact')], { position: 2, recordedAt: null });
    const answer = await readiness(readModels, { notify } as AppConfig).answer();
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toMatchObject({ status: 'ready', notifications: { parked: 2 } });
    expect((await readiness().answer()).body.notifications).toBeUndefined();
  });

  it('is ready when both stores answer, with the head and each projection', async () => {
    await expect(readiness().answer()).resolves.toEqual({
      statusCode: 200,
      body: {
        status: 'ready', eventStore: 'ok', readModels: 'ok', head: 2,
        projections: [{ name: 'reports', generation: 0, position: 0, lag: 2, lagUnit: 'events', status: 'external' }],
        followers: [],
        catchingUp: ['reports'],
      },
    });
  });

  it('lists the followers of the log and names those behind the head or with work due, staying 200 while they catch up', async () => {
    const followers = new LogFollowers();
    let scheduled = 1;
    let settled = false;
    followers.add({ name: 'case-reactor', followedTo: () => 2 });
    followers.add({ name: 'deadline-scheduler', followedTo: () => scheduled, settled: () => settled });
    await readModels.commit('reports', [], { position: 2, recordedAt: null });
    const at = () => new Readiness(new ProjectionCheckpoints(events, readModels, [reportsProjection]), events, readModels, {} as AppConfig, undefined, undefined, followers).answer();
    expect(await at()).toMatchObject({
      statusCode: 200,
      body: { status: 'ready', followers: [{ name: 'case-reactor', position: 2, lag: 0 }, { name: 'deadline-scheduler', position: 1, lag: 1 }], catchingUp: ['deadline-scheduler'] },
    });
    scheduled = 2;
    expect((await at()).body.catchingUp).toEqual(['deadline-scheduler']);
    settled = true;
    expect((await at()).body.catchingUp).toEqual([]);
  });

  it('says how far the working-day calendar reaches, and warns in a 200 when the next 60 days are not all covered', async () => {
    const calendar = new CalendarLoader({});
    const at = (iso: string) => new Readiness(new ProjectionCheckpoints(events, readModels, [reportsProjection]), events, readModels, {} as AppConfig, calendar, { now: () => new Date(iso) });
    const lastYear = Math.max(...chineseDaysYears().keys());
    const covered = await at(`${lastYear}-06-01T00:00:00Z`).answer();
    expect(covered).toMatchObject({ statusCode: 200, body: { status: 'ready', calendar: { coveredUntil: `${lastYear}-12-31`, warning: null } } });
    const late = await at(`${lastYear}-12-01T00:00:00Z`).answer();
    expect(late).toMatchObject({ statusCode: 200, body: { status: 'ready', calendar: { coveredUntil: `${lastYear}-12-31`, warning: expect.stringContaining(`${lastYear + 1}`) } } });
    const beyond = await at(`${lastYear + 1}-03-01T00:00:00Z`).answer();
    expect(beyond).toMatchObject({ statusCode: 200, body: { status: 'ready', calendar: { coveredUntil: null, warning: expect.stringContaining(`${lastYear + 1}`) } } });
  });

  it('is 503 and names the read models when they do not answer', async () => {
    await readModels.close();
    await expect(readiness().answer()).resolves.toEqual({
      statusCode: 503,
      body: { status: 'unavailable', eventStore: 'ok', readModels: 'unavailable', readModelsError: { code: 'TypeError', message: 'The database connection is not open' } },
    });
  });

  it('is 503 and names the event log when it does not answer', async () => {
    await events.close();
    await expect(readiness().answer()).resolves.toEqual({
      statusCode: 503,
      body: { status: 'unavailable', eventStore: 'unavailable', eventStoreError: { code: 'Error', message: 'SqliteEventStore is closed' }, readModels: 'ok' },
    });
  });

  it('answers within the probe timeout when a store hangs', async () => {
    const hung = new Proxy(readModels, {
      get: (target, key) => (key === 'checkpoint' ? () => new Promise(() => undefined) : (Reflect.get(target, key) as (...a: unknown[]) => unknown).bind(target)),
    });
    const started = Date.now();
    const { statusCode, body } = await readiness(hung).answer();
    expect(Date.now() - started).toBeLessThan(PROBE_TIMEOUT_MS + 1000);
    expect(statusCode).toBe(503);
    expect(body).toMatchObject({ eventStore: 'ok', readModels: 'unavailable', readModelsError: { code: 'TIMEOUT', message: `no answer within ${PROBE_TIMEOUT_MS} ms` } });
  });
});
