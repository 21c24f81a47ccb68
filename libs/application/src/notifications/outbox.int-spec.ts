/**
 * The outbox on real SQLite stores with a hand-set clock and a local receiver: reminders fall due
 * on the deadline's last day, go out once, and a restart (a new outbox on the same stores) never
 * sends one again; a step done before its reminder cancels it; a deadline already passed gets no
 * reminder (its missed notice is the scheduler's event).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RectificationEvent, streams } from '@survey/domain';
import { caseEvents as c } from '@survey/domain/testing';
import { NewEvent, SqliteEventStore } from '@survey/event-store';
import { SqliteReadModelStore } from '@survey/read-models';
import { anEvent } from '../../../event-store/src/testing/event-builders';
import type { AppConfig } from '../config/config';
import { NOTIFY_DEFAULTS } from '../config/notify-config';
import { ManualClock } from '../runtime/clock';
import { WebhookReceiver } from '../testing/webhook-receiver';
import { MetricsService } from '../observability/metrics.service';
import { NotificationOutbox } from './outbox';
import { RETRIES_STREAM } from './parked';
import { SUBJECTS } from './subject-doc';

jest.setTimeout(30_000);

const SECRET = 'x'.repeat(40);

describe('NotificationOutbox reminders', () => {
  let dir: string;
  let events: SqliteEventStore;
  let docs: SqliteReadModelStore;
  let hook: WebhookReceiver;
  let outbox: NotificationOutbox | undefined;
  const clock = new ManualClock(new Date(c.local('2019-12-06 16:00')));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    events = SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 20 });
    docs = SqliteReadModelStore.open(join(dir, 'read-models.db'));
    hook = await WebhookReceiver.start(SECRET);
    clock.set(c.local('2019-12-06 16:00'));
  });
  afterEach(async () => {
    await outbox?.beforeApplicationShutdown();
    await hook.close();
    await events.close();
    await docs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (metrics?: MetricsService) => {
    const config = { publicUrl: 'http://localhost:3000', notify: { url: hook.url, secret: SECRET, ...NOTIFY_DEFAULTS, backoffBaseMs: 10, backoffCapMs: 20 } } as AppConfig;
    outbox = new NotificationOutbox(events, docs, config, clock, metrics);
    await outbox.onApplicationBootstrap();
  };
  const restart = async () => {
    await outbox!.beforeApplicationShutdown();
    await start();
  };
  const toNew = (e: RectificationEvent, caseId: string): NewEvent => ({ ...anEvent(e.type, { ...e.data, caseId }) });
  const appendCase = (caseId: string, ...es: RectificationEvent[]) => events.append(streams.rectification(caseId), es.map((e) => toNew(e, caseId)), 'any');
  /** Any other event: the outbox handles a batch, then looks for reminders due. */
  const nudge = async () => {
    const { position } = await events.append('campaign-other', [anEvent()], 'any');
    const deadline = Date.now() + 10_000;
    while (outbox!.position < position) {
      if (Date.now() > deadline) throw new Error('the outbox did not reach the nudge');
      await new Promise((r) => setTimeout(r, 10));
    }
    await outbox!.settled();
  };
  const keys = () => hook.deliveredKeys;

  it('reminds once on the deadline\'s last day, never again after a restart, and not of a step done', async () => {
    await start();
    const caseA = 'case-a';
    const caseB = 'case-b';
    await appendCase(caseA, c.caseOpened());
    await appendCase(caseB, c.caseOpened());
    await nudge();
    const [openedA, openedB] = keys();
    expect(keys()).toHaveLength(2);

    // B is contacted before its contact reminder falls due: only A's is sent, at 00:00 of Monday 12-09.
    await appendCase(caseB, c.contacted(c.local('2019-12-08 10:00')));
    clock.set(c.local('2019-12-08 23:59'));
    await nudge();
    expect(keys()).toHaveLength(2);
    clock.set(c.local('2019-12-09 00:30'));
    await nudge();
    expect(keys().slice(2)).toEqual([`${openedA}:due-contact`]);
    expect(hook.bodies()[2]).toMatchObject({ kind: 'deadline-due', deadline: 'contact', due: c.endOf('2019-12-09'), at: c.local('2019-12-09 00:00'), eventId: openedA });

    await restart();
    await nudge();
    expect(hook.received.filter((r) => r.key === `${openedA}:due-contact`)).toHaveLength(1);

    // Both rectify reminders (due 12-27) go out on their last day, from the subjects a restarted outbox read back; then nothing more.
    clock.set(c.local('2019-12-27 08:00'));
    await restart();
    await nudge();
    expect(keys().slice(3).sort()).toEqual([`${openedA}:due-rectify`, `${openedB}:due-rectify`].sort());
    clock.set(c.local('2019-12-28 08:00'));
    await nudge();
    expect(keys()).toHaveLength(5);
    expect(hook.received.every((r) => r.signed)).toBe(true);
  });

  it('sends no reminder of a deadline that passed before the outbox saw it, and forgets a closed case', async () => {
    clock.set(c.local('2019-12-10 08:00'));
    await start();
    await appendCase('late', c.caseOpened());
    await nudge();
    expect(hook.bodies().map((b) => b.kind)).toEqual(['case-opened']);
    expect(await docs.list(SUBJECTS)).toHaveLength(1);
    await appendCase('late', c.closed());
    await nudge();
    expect(await docs.list(SUBJECTS)).toHaveLength(0);
  });
  it('feeds the metrics: the parked notices as committed (also after a restart), and the events not yet handled', async () => {
    const scraped = async (from: MetricsService, name: string) => Number(new RegExp(`^${name}\\{outbox="webhook"\\} (\\d+)$`, 'm').exec(await from.registry.metrics())?.[1]);
    const metrics = new MetricsService(true);
    hook.answer = () => 'fail';
    await start(metrics);
    await appendCase('case-m', c.caseOpened());
    await nudge();
    expect(await scraped(metrics, 'survey_outbox_parked')).toBe(1); // ten tries failed
    expect(await scraped(metrics, 'survey_outbox_backlog')).toBe(0);

    const afterRestart = new MetricsService(true);
    await outbox!.beforeApplicationShutdown();
    await start(afterRestart);
    expect(await scraped(afterRestart, 'survey_outbox_parked')).toBe(1);

    hook.answer = () => 'ok';
    const [parked] = hook.received.map((r) => r.key);
    await events.append(RETRIES_STREAM, [anEvent('NotificationRetryRequested', { key: parked, at: clock.now().toISOString() })], 'any');
    await nudge();
    expect(hook.deliveredKeys).toEqual([parked]);
    expect(await scraped(afterRestart, 'survey_outbox_parked')).toBe(0);
  });
});
