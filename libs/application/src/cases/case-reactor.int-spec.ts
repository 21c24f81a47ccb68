/**
 * The case reactor on real SQLite stores: one case per bad review with its deadlines counted from the
 * review on the official calendar, the same evaluation's later changes followed onto the open case,
 * nothing appended twice by a replay from an older checkpoint or by a second reactor, the
 * invalidation of an upheld appeal done when its handler did not get to it, and what it costs at
 * the head: no index read for an evaluation without a case, few commits, and a crash before one
 * that loses nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { RectificationEvent, streams, SurveyEvent } from '@survey/domain';
import { acme, creditCode, globex, opened, registered, revised, submitted, withdrawn } from '@survey/domain/testing';
import { RecordedEvent, SqliteEventStore } from '@survey/event-store';
import { streamOf, toNew } from '@survey/event-store/testing';
import { ReadModelStore, SqliteReadModelStore } from '@survey/read-models';
import { CalendarLoader } from '../calendar/calendar-loader';
import type { AppConfig } from '../config/config';
import { Aggregates } from '../runtime/aggregates';
import { ManualClock } from '../runtime/clock';
import { CaseReactor } from './case-reactor';
import { CaseRuntime } from './case-runtime';

jest.setTimeout(30_000);

const calendars = new CalendarLoader({});
const config = { cases: { contactDays: 1, rectifyDays: 15 } } as AppConfig;

describe('CaseReactor', () => {
  let dir: string;
  let events: SqliteEventStore;
  let readModels: SqliteReadModelStore;
  let appended = 0;
  const reactors: CaseReactor[] = [];
  const extraStores: SqliteReadModelStore[] = [];
  const anotherReadModelStore = (name: string) => {
    const store = SqliteReadModelStore.open(join(dir, `${name}.db`));
    extraStores.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'case-reactor-'));
    events = SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 20 });
    readModels = SqliteReadModelStore.open(join(dir, 'read-models.db'));
    appended = 0;
  });
  afterEach(async () => {
    for (const r of reactors.splice(0)) await r.stop();
    for (const store of extraStores.splice(0)) await store.close();
    await events.close();
    await readModels.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Appends survey events as their commands would, one minute apart from 2019-11-15 08:00 UTC (16:00 in Shanghai). */
  const append = async (...history: SurveyEvent[]) => {
    for (const e of history) await events.append(streamOf(e), [toNew(e, appended++)], 'any');
  };
  const reactor = async (store: ReadModelStore = readModels) => {
    const clock = new ManualClock(new Date('2019-11-20T02:00:00Z'));
    const r = new CaseReactor(events, store, new CaseRuntime(new Aggregates(events, clock), calendars, config));
    reactors.push(r);
    await r.start();
    return r;
  };
  const settled = async (r: CaseReactor) => r.waitFor(await events.headPosition());
  const all = () => events.readAll(0, 10_000);
  const caseStreams = async () => [...new Set((await all()).filter((e) => e.stream.startsWith('rectification-')).map((e) => e.stream))];
  const caseEvents = async (stream: string) => (await events.readStream(stream)) as (RecordedEvent & RectificationEvent)[];
  const ballotEvent = async (type: string, creditCode = acme) => (await events.readStream(streams.ballot('xz-2019', creditCode))).filter((e) => e.type === type);

  it('opens one case per bad review, named by the review’s event, deadlines counted from the review on the official calendar', async () => {
    // 2019-11-15 is a Friday: recorded at 16:02 and 16:03 Shanghai time.
    await append(opened(), registered(acme), submitted(acme, 'tax', 'dissatisfied', { contactConsent: true, comment: '办事拖延' }), submitted(globex, 'tax', 'satisfied'));
    await settled(await reactor());
    const [review] = await ballotEvent('EvaluationSubmitted');
    expect(await caseStreams()).toEqual([streams.rectification(review.id)]);
    const [openedCase] = await caseEvents(streams.rectification(review.id));
    expect(openedCase.type).toBe('RectificationCaseOpened');
    expect(openedCase.data).toMatchObject({
      caseId: review.id, campaignId: 'xz-2019', agencyId: 'tax', creditCode: acme, level: 'dissatisfied', comment: '办事拖延', contactConsent: true,
      triggeredBy: { eventId: review.id, position: review.position }, reviewedAt: review.metadata.recordedAt,
      // Friday → the end of Monday 11-18; 15 working days → Friday 12-06 (no holiday in between).
      contactDue: '2019-11-18T16:00:00.000Z', rectifyDue: '2019-12-06T16:00:00.000Z',
      calendar: { name: 'chinese-days', calendarCovered: true },
    });
    expect(openedCase.metadata.actor).toEqual({ role: 'system', sub: 'case-reactor' });
  });

  it('follows the evaluation onto its open case: a negative revision is recorded, an improvement closes it, and a later bad review opens another', async () => {
    await append(opened(), registered(acme), submitted(acme, 'tax', 'dissatisfied'), revised(acme, 'tax', 'very_dissatisfied'), revised(acme, 'tax', 'satisfied'));
    const r = await reactor();
    await settled(r);
    const [first] = await caseStreams();
    expect((await caseEvents(first)).map((e) => e.type)).toEqual(['RectificationCaseOpened', 'RectificationRatingRevised', 'RectificationCaseClosed']);
    expect((await caseEvents(first))[2].data).toMatchObject({ outcome: 'rating-improved' });
    await append(revised(acme, 'tax', 'dissatisfied'), withdrawn(acme, 'tax'));
    await settled(r);
    const streamsNow = await caseStreams();
    expect(streamsNow).toHaveLength(2);
    expect((await caseEvents(streamsNow[1])).map((e) => e.type)).toEqual(['RectificationCaseOpened', 'RectificationCaseClosed']);
    expect((await caseEvents(streamsNow[1]))[1].data).toMatchObject({ outcome: 'rating-withdrawn' });
  });

  it('reads negative levels from the campaign’s own scale, whatever its levels are called', async () => {
    const scale = [
      { id: 'constructor', label: '好', score: 100, satisfied: true, negative: false },
      { id: 'poor', label: '差', score: 0, satisfied: false, negative: true },
    ];
    await append(opened('levels-2019', { agencies: [{ id: 'tax', name: '市税务局' }], questions: [{ id: 'constructor', text: '效率' }], scale }), registered(acme),
      submitted(acme, 'tax', 'poor', { campaignId: 'levels-2019', answers: { constructor: 'poor' } }), submitted(globex, 'tax', 'constructor', { campaignId: 'levels-2019' }));
    await settled(await reactor());
    const [only] = await caseStreams();
    expect((await caseStreams())).toHaveLength(1);
    expect((await caseEvents(only))[0].data).toMatchObject({ campaignId: 'levels-2019', level: 'poor', answers: { constructor: 'poor' } });
  });

  it('appends nothing twice: a replay from an older checkpoint, and two reactors at once', async () => {
    await append(opened(), registered(acme), registered(globex), submitted(acme, 'tax', 'dissatisfied'), revised(acme, 'tax', 'very_dissatisfied'),
      submitted(globex, 'tax', 'very_dissatisfied'), submitted(globex, 'police', 'dissatisfied'));
    const [a, b] = await Promise.all([reactor(), reactor(anotherReadModelStore('other-read-models'))]);
    await Promise.all([settled(a), settled(b)]);
    const once = await all();
    expect(await caseStreams()).toHaveLength(3);
    // A third reactor with no checkpoint at all folds the whole log again.
    await settled(await reactor(anotherReadModelStore('fresh-read-models')));
    expect((await all()).length).toBe(once.length);
  });

  it('resumes from its durable checkpoint after a stop', async () => {
    await append(opened(), registered(acme), submitted(acme, 'tax', 'dissatisfied'));
    const r = await reactor();
    await settled(r);
    await settled(r); // and past the case it opened: the head now
    await r.stop();
    // Stored by stop(), however long the reactor would have waited to commit it.
    expect((await readModels.checkpoint('case-reactor')).position).toBe(await events.headPosition());
    await append(submitted(acme, 'police', 'dissatisfied'));
    await settled(await reactor());
    expect(await caseStreams()).toHaveLength(2);
  });

  it('invalidates the evaluation of an upheld appeal when the decision’s handler did not, once, with the centre as actor', async () => {
    await append(opened(), registered(acme), submitted(acme, 'tax', 'dissatisfied'));
    const r = await reactor();
    await settled(r);
    const [stream] = await caseStreams();
    const key = (await caseEvents(stream))[0].data;
    const step = (type: string, data: object, role: 'agency' | 'centre') => ({
      id: randomUUID(), type, data: { caseId: key.caseId, campaignId: key.campaignId, agencyId: key.agencyId, ...data, at: '2019-11-18T02:00:00.000Z' },
      metadata: { schemaVersion: 1, recordedAt: '2019-11-18T02:00:00.000Z', actor: role === 'agency' ? { role, sub: 'o', agencyId: 'tax' } : { role, sub: 'staff-1' }, correlationId: 'c', causationId: 'c' },
    });
    // What the decision's handler appends before it invalidates; as if the process died right after.
    await events.append(stream, [step('AppealFiled', { reason: '恶意差评' }, 'agency')], 0);
    await events.append(stream, [
      step('AppealDecided', { upheld: true, reason: '评价与事实不符' }, 'centre'),
      step('RectificationCaseClosed', { outcome: 'appeal-upheld', followUp: null, note: '评价与事实不符' }, 'centre'),
    ], 1);
    await settled(r);
    const invalidated = await ballotEvent('EvaluationInvalidated');
    expect(invalidated).toHaveLength(1);
    expect(invalidated[0].data).toMatchObject({ agencyId: 'tax', reason: 'appeal upheld: 评价与事实不符' });
    expect(invalidated[0].metadata.actor).toEqual({ role: 'centre', sub: 'staff-1' });
    // Replayed from nothing: the rating is no longer current, so nothing more.
    await settled(await reactor(anotherReadModelStore('fresh-read-models')));
    expect(await ballotEvent('EvaluationInvalidated')).toHaveLength(1);
  });

  /** The store as the reactor uses it, counting its index reads and commits, and failing its commits while `crashed`. */
  const counted = (store: ReadModelStore) => {
    const calls = { getMany: 0, commit: 0, crashed: false };
    const proxy = new Proxy(store, {
      get: (target, key) => {
        const value: unknown = Reflect.get(target, key);
        if (key === 'getMany') return (...args: Parameters<ReadModelStore['getMany']>) => (calls.getMany++, target.getMany(...args));
        if (key === 'commit') {
          return (...args: Parameters<ReadModelStore['commit']>) => {
            calls.commit++;
            return calls.crashed ? Promise.reject(new Error('process killed')) : target.commit(...args);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return { store: proxy, calls };
  };

  it('reads the index only for evaluations that have a case, and commits at the head only when its time is up (or on stop)', async () => {
    await append(opened(), registered(acme), submitted(acme, 'tax', 'dissatisfied'));
    const opener = await reactor();
    await settled(opener);
    await settled(opener);
    await opener.stop();
    const { store, calls } = counted(readModels);
    const r = await reactor(store);
    r.commitEveryMs = 60_000;
    await settled(r);
    // Twenty group commits of satisfied first ratings: no evaluation among them has a case.
    for (let round = 0; round < 20; round++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => {
        const e = submitted(creditCode(round * 10 + i), 'police', 'satisfied');
        return events.append(streamOf(e), [toNew(e, appended++)], 'no_stream');
      }));
    }
    await settled(r);
    expect(calls.getMany).toBe(0);
    // A revision of the evaluation with a case reads its index document.
    await append(revised(acme, 'tax', 'satisfied'));
    await settled(r);
    expect(calls.getMany).toBe(1);
    expect(calls.commit).toBe(0);
    await settled(r); // past the closing it appended
    await r.stop();
    expect(calls.commit).toBe(1);
    expect((await readModels.checkpoint('case-reactor')).position).toBe(await events.headPosition());
    const [stream] = await caseStreams();
    expect((await caseEvents(stream)).map((e) => e.type)).toEqual(['RectificationCaseOpened', 'RectificationCaseClosed']);
  });

  it('after a crash that lost the commit, folds again from the stored checkpoint: the case it opened is found again, nothing is appended twice', async () => {
    await append(opened(), registered(acme));
    const { store, calls } = counted(readModels);
    const first = await reactor(store);
    first.commitEveryMs = 60_000;
    await settled(first);
    await first.stop();
    const stored = await readModels.checkpoint('case-reactor');
    await append(submitted(acme, 'tax', 'dissatisfied'));
    const second = await reactor(store);
    second.commitEveryMs = 60_000;
    await settled(second);
    expect(await caseStreams()).toHaveLength(1); // opened; its index document and checkpoint only in memory
    calls.crashed = true;
    await expect(second.stop()).rejects.toThrow('process killed');
    expect(await readModels.checkpoint('case-reactor')).toEqual(stored);

    calls.crashed = false;
    await append(revised(acme, 'tax', 'very_dissatisfied'));
    const third = await reactor(store);
    await settled(third);
    const all = await caseStreams();
    expect(all).toHaveLength(1);
    expect((await caseEvents(all[0])).map((e) => e.type)).toEqual(['RectificationCaseOpened', 'RectificationRatingRevised']);
  });
});
