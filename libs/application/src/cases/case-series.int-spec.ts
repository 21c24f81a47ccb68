/**
 * caseSeries on real SQLite stores (the demo's loop takes a case's steps of a turn so): the steps
 * are checked and decided as takeCaseStep would, each on the state the previous left and recorded
 * with its own meta, and land in one append and one commit; an upheld appeal invalidates the
 * evaluation after the append; a step outside the person's reach is refused before anything is
 * written; a series on a stale case is refused whole.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseState, NotFound, streams, SurveyEvent, WrongExpectedRevision } from '@survey/domain';
import { acme, opened, registered, submitted } from '@survey/domain/testing';
import { SqliteEventStore } from '@survey/event-store';
import { streamOf, toNew } from '@survey/event-store/testing';
import { SqliteReadModelStore } from '@survey/read-models';
import { actorOf } from '../auth/actor';
import type { Principal } from '../auth/tokens';
import { CalendarLoader } from '../calendar/calendar-loader';
import type { AppConfig } from '../config/config';
import { Aggregates, Loaded } from '../runtime/aggregates';
import { ManualClock } from '../runtime/clock';
import { CaseReactor } from './case-reactor';
import { CaseRuntime } from './case-runtime';
import { caseSeries, takeCaseStep } from './case-step';

jest.setTimeout(30_000);

const centre: Principal = { role: 'centre', sub: 'centre-1' };
const agency: Principal = { role: 'agency', sub: 'tax-staff', agencyId: 'tax' };
const meta = (who: Principal, correlationId: string) => ({ actor: actorOf(who), correlationId });

describe('caseSeries', () => {
  let dir: string;
  let events: SqliteEventStore;
  let readModels: SqliteReadModelStore;
  let cases: CaseRuntime;
  let reactor: CaseReactor;
  const commits: number[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'case-series-'));
    commits.length = 0;
    events = SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 20, onCommit: (appends) => commits.push(appends) });
    readModels = SqliteReadModelStore.open(join(dir, 'read-models.db'));
    const clock = new ManualClock(new Date('2019-11-18T02:00:00Z'));
    cases = new CaseRuntime(new Aggregates(events, clock), new CalendarLoader({}), { cases: { contactDays: 1, rectifyDays: 15 } } as AppConfig);
    let n = 0;
    const history: SurveyEvent[] = [opened(), registered(acme), submitted(acme, 'tax', 'dissatisfied', { contactConsent: true, comment: '办事拖延' })];
    for (const e of history) await events.append(streamOf(e), [toNew(e, n++)], 'any');
    reactor = new CaseReactor(events, readModels, cases);
    await reactor.start();
    await reactor.waitFor(await events.headPosition());
  });

  afterEach(async () => {
    await reactor.stop();
    await events.close();
    await readModels.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const theCase = async (): Promise<Loaded<CaseState> & { caseId: string }> => {
    const [review] = (await events.readStream(streams.ballot('xz-2019', acme))).filter((e) => e.type === 'EvaluationSubmitted');
    return { caseId: review.id, ...(await cases.load(review.id)) };
  };

  it('decides each step on the state the previous left, each with its own meta, and appends them in one commit', async () => {
    const { caseId, state, revision } = await theCase();
    commits.length = 0;
    const series = caseSeries(cases, events, caseId, { state, revision });
    await series.take({ type: 'RecordContact', data: { caseId, channel: 'phone', summary: '电话回访' } }, centre, meta(centre, 'c-1'));
    // Decided on the contacted case the first step left: a report before the contact would be a 409.
    await series.take({ type: 'ReportRectification', data: { caseId, kind: 'rectified', actions: '已优化流程' } }, agency, meta(agency, 'c-2'));
    expect(series.known().revision).toBe(revision + 2);
    expect(await events.readStream(streams.rectification(caseId), revision + 1)).toEqual([]);
    await series.append();
    expect(commits).toEqual([1]);
    const stored = await events.readStream(streams.rectification(caseId), revision + 1);
    expect(stored.map((e) => [e.revision, e.type, e.metadata.correlationId, e.metadata.actor])).toEqual([
      [revision + 1, 'EnterpriseContacted', 'c-1', actorOf(centre)],
      [revision + 2, 'RectificationReported', 'c-2', actorOf(agency)],
    ]);
    expect((await cases.load(caseId)).state).toEqual(series.known().state);
  });

  it('records what takeCaseStep records, one step after another', async () => {
    const { caseId, state, revision } = await theCase();
    const series = caseSeries(cases, events, caseId, { state, revision });
    const viaSeries = await series.take({ type: 'RecordContact', data: { caseId, channel: 'phone', summary: '电话回访' } }, centre, meta(centre, 'c-1'));
    const viaRoute = await takeCaseStep(cases, events, { type: 'RecordContact', data: { caseId, channel: 'phone', summary: '电话回访' } }, centre, meta(centre, 'c-1'), { state, revision });
    expect(viaSeries).toEqual(viaRoute);
    // The route's step went first: the series decided on the same state is stale now, refused whole.
    await expect(series.append()).rejects.toBeInstanceOf(WrongExpectedRevision);
    expect((await events.readStream(streams.rectification(caseId))).filter((e) => e.type === 'EnterpriseContacted')).toHaveLength(1);
  });

  it('invalidates the evaluation of an upheld appeal once the decision is appended', async () => {
    const { caseId, state, revision } = await theCase();
    const series = caseSeries(cases, events, caseId, { state, revision });
    await series.take({ type: 'FileAppeal', data: { caseId, reason: '评价与事实不符' } }, agency, meta(agency, 'c-1'));
    await series.take({ type: 'DecideAppeal', data: { caseId, upheld: true, reason: '经核查属实' } }, centre, meta(centre, 'c-2'));
    const invalidated = async () => (await events.readStream(streams.ballot('xz-2019', acme))).filter((e) => e.type === 'EvaluationInvalidated');
    expect(await invalidated()).toEqual([]);
    await series.append();
    const [invalidation] = await invalidated();
    expect(invalidation.metadata).toMatchObject({ correlationId: 'c-2', actor: actorOf(centre) });
  });

  it('refuses a step outside the person’s reach before anything is written', async () => {
    const { caseId, state, revision } = await theCase();
    const elsewhere: Principal = { role: 'enterprise', sub: acme, invitation: { campaignId: 'xz-2018', issuedAtMs: 0, expiresAtMs: Date.parse('2030-01-01') } };
    const series = caseSeries(cases, events, caseId, { state, revision });
    await expect(series.take({ type: 'RateFollowUp', data: { caseId, level: 'satisfied', comment: null } }, elsewhere, meta(elsewhere, 'c-1'))).rejects.toBeInstanceOf(NotFound);
    await expect(series.take({ type: 'RecordContact', data: { caseId: 'another', channel: 'phone', summary: 'x' } }, centre, meta(centre, 'c-2'))).rejects.toThrow(/series of case/);
    await series.append();
    expect((await events.readStream(streams.rectification(caseId))).length).toBe(revision + 1);
  });
});
