/**
 * Text that spells a member of Object.prototype (`__proto__`, `constructor`, `toString`,
 * `hasOwnProperty`…) is ordinary text: a district, an agency id, a question id or a level id that
 * spells one is accepted and counted like any other, through every projection (reports, segments,
 * progress), the as-of replay, rebuilds, a restart, publishing and verification. Each check here
 * failed before the read models, deciders and reports stopped using such text as a plain-object key
 * (issue 10): a district `__proto__` stopped the reports and segments projections for good, an agency
 * `constructor` made a first rating a revision, let a never-rated one be withdrawn or invalidated
 * and gave a 500 on the progress route, and `answers: { constructor: … }` was silently dropped.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SCALE, streams } from '@survey/domain';
import type { SurveyEvent } from '@survey/domain';
import { invalidated, issued, opened, registered as registeredEvent, revised, submitted, withdrawn } from '@survey/domain/testing';
import { EVENT_STORE, EventStore, SqliteEventStore } from '@survey/event-store';
import { PROJECTIONS, SqliteReadModelStore } from '@survey/read-models';
import { admin, analyst, auditor, bearer, startApp, TestApp } from './support/app';
import { runCli } from './support/cli-process';
import { aCampaign, creditCode } from './support/fixtures';
import { expectInvalid, expectProblem } from './support/problem';
import { myBallot, openCampaign, registered, submit, withdraw } from './support/survey';
import { describeOnEmbeddedStores } from './support/stores';

jest.setTimeout(60_000); // the built CLI starts a Nest context per run (1–2 s on a busy 2-core machine)

const ID = 'proto-2019';
const AGENCY = 'constructor';
const QUESTION = 'constructor';
/** Five enterprises in each district; one more, never rating anything, in `toString`. */
const DISTRICTS = ['__proto__', 'constructor', 'hasOwnProperty'];
const IDLE_DISTRICT = 'toString';
/** The rating enterprise i gives the agency `constructor` (also its answer to the question `constructor`); everyone rates tax very satisfied. */
const ratingOf = (i: number) => (i < 10 ? 'satisfied' : 'dissatisfied');
const RATERS = DISTRICTS.length * 5;
const SATISFIED = new Set(['very_satisfied', 'satisfied']);

/** Rate in percent with one decimal, half away from zero (DESIGN "Statistics"), from counts. */
const rate = (satisfied: number, n: number) => Math.floor((2000 * satisfied + n) / (2 * n)) / 10;
const satisfiedOf = (levels: string[]) => levels.filter((l) => SATISFIED.has(l)).length;

describeOnEmbeddedStores('text that spells an Object.prototype member, counted like any other', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-proto-'));
  let t: TestApp;
  let codes: string[];
  let idle: string;
  const constructorRatings = Array.from({ length: RATERS }, (_, i) => ratingOf(i));

  /** The log's head, read from the store itself: readiness would answer 503 while a projection fails. */
  const logHead = (_t: TestApp) => t.app.get<EventStore>(EVENT_STORE).headPosition();
  const ready = async () => (await t.http().get('/v1/health/ready').expect(200)).body;
  const headline = async (query = '') => (await t.http().get(`/v1/reports/campaigns/${ID}${query}`).set(analyst).expect(200)).body;
  const agencyReport = async () => (await t.http().get(`/v1/reports/campaigns/${ID}/agencies/${AGENCY}`).set(analyst).expect(200)).body;
  const appendInvitations = async (creditCodes: string[]) => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const metadata = { schemaVersion: 1, recordedAt: new Date().toISOString(), actor: { role: 'admin' as const, sub: 'admin-1' }, correlationId: randomUUID(), causationId: randomUUID() };
    const event = issued(creditCodes, new Date().toISOString(), '2099-01-01T00:00:00.000Z', ID);
    await store.append(`invitations-${ID}`, [{ id: randomUUID(), ...event, metadata }], 'any');
  };

  beforeAll(async () => {
    t = await startApp({ dataDir });
    await openCampaign(t, ID, {
      agencies: [{ id: 'tax', name: '市税务局' }, { id: AGENCY, name: '市建设局 constructor' }],
      questions: [{ id: QUESTION, text: '办事效率 Efficiency' }, { id: 'attitude', text: '服务态度 Attitude' }],
    });
    codes = [];
    for (let i = 0; i < RATERS; i++) codes.push(await registered(t, i + 1, { district: DISTRICTS[Math.floor(i / 5)] }));
    idle = await registered(t, RATERS + 1, { district: IDLE_DISTRICT });
    await appendInvitations([...codes, idle]);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes a first rating of the agency `constructor` as a submission (201), with the answer to the question `constructor`', async () => {
    for (const [i, code] of codes.entries()) {
      const rating = ratingOf(i);
      const res = await submit(t, code, ID, AGENCY, { rating, answers: { [QUESTION]: rating } });
      expect({ i, status: res.status, body: res.body }).toEqual({ i, status: 201, body: { campaignId: ID, agencyId: AGENCY, outcome: 'submitted' } });
      expect((await submit(t, code, ID, 'tax', { rating: 'very_satisfied' })).status).toBe(201);
    }
    const history = (await t.http().get(`/v1/audit/campaigns/${ID}/ballots/${codes[0]}`).set(auditor).expect(200)).body.events;
    expect(history.map((e: { type: string; data: { agencyId: string } }) => [e.type, e.data.agencyId])).toEqual([['EvaluationSubmitted', AGENCY], ['EvaluationSubmitted', 'tax']]);
    expect(history[0].data.answers).toEqual({ [QUESTION]: ratingOf(0) });
    const mine = (await myBallot(t, codes[0], ID).expect(200)).body;
    expect(mine.evaluations.find((e: { agencyId: string }) => e.agencyId === AGENCY)).toMatchObject({ rating: ratingOf(0), answers: { [QUESTION]: ratingOf(0) } });
  });

  it('answers an unchanged resubmission 200 with nothing appended, and a rating again after a withdrawal 201', async () => {
    const before = await logHead(t);
    const again = await submit(t, codes[0], ID, AGENCY, { rating: ratingOf(0), answers: { [QUESTION]: ratingOf(0) } });
    expect({ status: again.status, outcome: again.body.outcome }).toEqual({ status: 200, outcome: 'unchanged' });
    expect(await logHead(t)).toBe(before);
    await withdraw(t, codes[0], ID, AGENCY).expect(204);
    expect((await submit(t, codes[0], ID, AGENCY, { rating: ratingOf(0), answers: { [QUESTION]: ratingOf(0) } })).status).toBe(201);
  });

  it('answers 404 with nothing appended to withdrawing or invalidating an evaluation of `constructor` that was never made', async () => {
    const before = await logHead(t);
    expectProblem(await withdraw(t, idle, ID, AGENCY), 404, /no current evaluation/);
    expectProblem(await withdraw(t, idle, ID, AGENCY), 404, /no current evaluation/);
    const invalidate = t.http().post(`/v1/audit/campaigns/${ID}/ballots/${idle}/evaluations/${AGENCY}/invalidate`).set(auditor).send({ reason: 'never rated' });
    expectProblem(await invalidate, 404, /no current evaluation/);
    expect(await logHead(t)).toBe(before);
  });

  it('refuses answers to questions the campaign does not have (400, the field named), whatever they spell, with nothing appended', async () => {
    const before = await logHead(t);
    for (const question of ['toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'prototype']) {
      const res = await submit(t, codes[1], ID, AGENCY, { rating: 'satisfied', answers: { [question]: 'satisfied' } });
      expectInvalid(res, `answers.${question}`);
    }
    expect(await logHead(t)).toBe(before);
  });

  it('keeps every projection running and counts everything: headline, agency questions and district cells', async () => {
    await t.settle();
    const health = await ready();
    expect(health.projections.map((p: { name: string; status: string; lag: number }) => [p.name, p.status, p.lag]))
      .toEqual(health.projections.map((p: { name: string }) => [p.name, 'running', 0]));

    const report = await headline();
    const all = [...constructorRatings, ...Array<string>(RATERS).fill('very_satisfied')];
    expect(report).toMatchObject({ respondents: RATERS, evaluations: all.length, satisfaction: { rate: rate(satisfiedOf(all), all.length), n: all.length } });
    expect(report.agencies.find((a: { agencyId: string }) => a.agencyId === AGENCY))
      .toMatchObject({ evaluations: RATERS, satisfaction: { rate: rate(satisfiedOf(constructorRatings), RATERS) } });

    const detail = await agencyReport();
    expect(detail.questions.find((q: { questionId: string }) => q.questionId === QUESTION))
      .toMatchObject({ n: RATERS, satisfaction: { rate: rate(satisfiedOf(constructorRatings), RATERS) } });
    const cells = new Map(detail.segments.district.map((c: { value: string }) => [c.value, c]));
    expect([...cells.keys()].sort()).toEqual([...DISTRICTS].sort());
    DISTRICTS.forEach((district, d) => {
      const levels = constructorRatings.slice(5 * d, 5 * d + 5);
      expect(cells.get(district)).toMatchObject({ value: district, n: 5, respondents: 5, satisfaction: { rate: rate(satisfiedOf(levels), 5) } });
    });
  });

  it('answers the progress route 200, with the districts and the agency `constructor` counted', async () => {
    const res = await t.http().get(`/v1/admin/campaigns/${ID}/progress`).set(admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ invited: RATERS + 1, responded: RATERS, respondedWithoutInvitation: 0 });
    expect(res.body.agencies).toEqual([
      { agencyId: 'tax', name: '市税务局', responded: RATERS, responseRate: rate(RATERS, RATERS + 1) },
      { agencyId: AGENCY, name: '市建设局 constructor', responded: RATERS, responseRate: rate(RATERS, RATERS + 1) },
    ]);
    const districts = new Map(res.body.districts.map((d: { district: string }) => [d.district, d]));
    for (const district of DISTRICTS) expect(districts.get(district)).toEqual({ district, invited: 5, responded: 5, responseRate: 100 });
    expect(districts.get(IDLE_DISTRICT)).toEqual({ district: IDLE_DISTRICT, invited: 1, responded: 0, responseRate: 0 });
    expect(res.body.districts).toHaveLength(DISTRICTS.length + 1);
  });

  it('gives the same figures as of now (a replay of the log), in the trends and in the CSV', async () => {
    const live = await headline();
    const asOf = await headline(`?asOf=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`);
    expect(asOf).toMatchObject({ respondents: live.respondents, evaluations: live.evaluations, satisfaction: live.satisfaction, agencies: live.agencies });
    const trend = (await t.http().get(`/v1/reports/trends?agencyId=${AGENCY}`).set(analyst).expect(200)).body;
    expect(trend.series).toEqual([expect.objectContaining({ campaignId: ID, n: RATERS, satisfaction: expect.objectContaining({ rate: rate(satisfiedOf(constructorRatings), RATERS) }) })]);
    const csv = (await t.http().get(`/v1/reports/campaigns/${ID}.csv`).set(analyst).expect(200)).text;
    expect(csv).toContain(`${ID},2019,agency,${AGENCY},市建设局 constructor,`);
    for (const district of DISTRICTS) expect(csv).toContain(`,segment,,,district,${district},`);
  });

  it('rebuilds every projection with the built CLI beside the running API, to the same figures; a restart reads them again', async () => {
    const before = { headline: await headline(), detail: await agencyReport() };
    const run = await runCli(['rebuild', '--json'], { DATA_DIR: dataDir });
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    const outcomes = JSON.parse(run.stdout).projections.map((p: { projection: string; outcome: string }) => [p.projection, p.outcome]);
    expect(outcomes).toEqual(outcomes.map(([name]: [string]) => [name, 'switched']));
    expect(outcomes.map(([name]: [string]) => name)).toEqual(expect.arrayContaining(['reports', 'segments', 'progress']));
    await t.settle();
    const { asOf: _a, ...rebuiltHeadline } = await headline();
    const { asOf: _b, ...rebuiltDetail } = await agencyReport();
    const { asOf: _c, ...headlineBefore } = before.headline;
    const { asOf: _d, ...detailBefore } = before.detail;
    expect({ headline: rebuiltHeadline, detail: rebuiltDetail }).toEqual({ headline: headlineBefore, detail: detailBefore });

    await t.close();
    t = await startApp({ dataDir });
    await t.settle();
    expect((await ready()).projections.every((p: { status: string }) => p.status === 'running')).toBe(true);
    const { asOf: _e, ...restarted } = await agencyReport();
    expect(restarted).toEqual(detailBefore);
  });

  it('publishes the figures with the agency `constructor`, and verification reproduces every one', async () => {
    await t.http().post(`/v1/campaigns/${ID}/close`).set(admin).expect(200);
    const published = (await t.http().post(`/v1/campaigns/${ID}/publish`).set(admin).expect(200)).body.published;
    expect(published.agencies.map((a: { agencyId: string }) => a.agencyId)).toContain(AGENCY);
    const verification = (await t.http().get(`/v1/audit/campaigns/${ID}/verify`).set(auditor).expect(200)).body;
    expect(verification).toMatchObject({ ok: true, failures: [], live: { agrees: true } });
    expect(verification.figures.find((f: { figure: string }) => f.figure === `agencies[${AGENCY}].satisfaction.rate`)).toMatchObject({ reproduces: true });
    const pub = (await t.http().get(`/v1/public/campaigns/${ID}/results`).expect(200)).body;
    expect(pub.badReviewRanking.map((r: { agencyId: string }) => r.agencyId).sort()).toEqual([AGENCY, 'tax']);
  });
});

describe('a scale whose level is called `constructor`', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('counts that level like any other in the headline and per question', async () => {
    const scale = [
      { id: 'constructor', label: '好 Good', score: 100, satisfied: true, negative: false },
      { id: 'poor', label: '差 Poor', score: 0, satisfied: false, negative: true },
    ];
    await openCampaign(t, 'levels-2019', { agencies: [{ id: 'tax', name: '市税务局' }], questions: [{ id: 'constructor', text: '办事效率' }], scale });
    const levels = ['constructor', 'constructor', 'constructor', 'constructor', 'poor', 'poor'];
    for (const [i, level] of levels.entries()) {
      const code = await registered(t, i + 1, { district: '__proto__' });
      expect((await submit(t, code, 'levels-2019', 'tax', { rating: level, answers: { constructor: level } })).status).toBe(201);
    }
    await t.settle();
    const good = levels.filter((l) => l === 'constructor').length;
    const report = (await t.http().get('/v1/reports/campaigns/levels-2019').set(analyst).expect(200)).body;
    expect(report).toMatchObject({
      respondents: levels.length, evaluations: levels.length, satisfaction: { rate: rate(good, levels.length) },
      meanScore: rate(good, levels.length), badReviewRate: rate(levels.length - good, levels.length),
    });
    const detail = (await t.http().get('/v1/reports/campaigns/levels-2019/agencies/tax').set(analyst).expect(200)).body;
    expect(detail.questions).toEqual([expect.objectContaining({ questionId: 'constructor', n: levels.length, satisfaction: expect.objectContaining({ rate: rate(good, levels.length) }) })]);
    expect(detail.segments.district).toEqual([expect.objectContaining({ value: '__proto__', respondents: levels.length, satisfaction: expect.objectContaining({ rate: rate(good, levels.length) }) })]);
    const ready = (await t.http().get('/v1/health/ready').expect(200)).body;
    expect(ready.projections.every((p: { status: string }) => p.status === 'running')).toBe(true);
    const enterprise = bearer('enterprise', creditCode(1));
    expect((await t.http().get('/v1/campaigns/levels-2019/evaluations').set(enterprise).expect(200)).body.evaluations[0].answers).toEqual({ constructor: 'constructor' });
  });
});

describeOnEmbeddedStores('a data directory written before the fix, with such names', () => {
  // The log as the earlier version wrote it: a first rating of agency `constructor` recorded as a
  // revision, a withdrawal and an invalidation of a rating never made, no answers (dropped on the
  // way in). Its `segments` projection stopped at the first rating from district `__proto__` (that
  // batch never committed); its `reports` documents hold the wrong counts it folded.
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-proto-upgrade-'));
  const [a, b] = [creditCode(1), creditCode(2)];
  let t: TestApp;

  beforeAll(async () => {
    const campaign = aCampaign('up-2019', { agencies: [{ id: 'tax', name: '市税务局' }, { id: 'constructor', name: '构造局' }] });
    const { id: _id, ...definition } = campaign;
    const at = (district: string) => ({ campaignId: 'up-2019', segment: { district } });
    const log: [string, SurveyEvent][] = [
      [streams.campaign('up-2019'), opened('up-2019', { ...definition, questions: [{ id: 'constructor', text: '效率' }], scale: [...DEFAULT_SCALE] })],
      [streams.enterprise(a), registeredEvent(a, { name: 'A', district: '__proto__' })],
      [streams.enterprise(b), registeredEvent(b, { name: 'B', district: 'constructor' })],
      [streams.ballot('up-2019', a), revised(a, 'constructor', 'satisfied', at('__proto__'))],
      [streams.ballot('up-2019', a), submitted(a, 'tax', 'very_satisfied', at('__proto__'))],
      [streams.ballot('up-2019', b), withdrawn(b, 'constructor', 'up-2019')],
      [streams.ballot('up-2019', b), invalidated(b, 'constructor', 'up-2019', 'x')],
      [streams.ballot('up-2019', b), revised(b, 'constructor', 'dissatisfied', at('constructor'))],
    ];
    const events = SqliteEventStore.open(join(dataDir, 'events.db'));
    for (const [i, [stream, event]] of log.entries()) {
      const metadata = { schemaVersion: 1, recordedAt: new Date(Date.now() - (log.length - i) * 1000).toISOString(), actor: { role: 'system' as const, sub: 'old' }, correlationId: randomUUID(), causationId: randomUUID() };
      await events.append(stream, [{ id: randomUUID(), ...event, metadata }], 'any');
    }
    const head = await events.headPosition();
    await events.close();
    const readModels = SqliteReadModelStore.open(join(dataDir, 'read-models.db'));
    const wrong = { undefined: null, satisfied: 1, very_satisfied: 1 };
    await readModels.commit('reports', [
      { collection: 'campaigns', id: 'up-2019', doc: { ...log[0][1].data, closedAt: null, published: null } },
      { collection: 'campaign-stats', id: 'up-2019', doc: { campaignId: 'up-2019', respondents: 1, levels: wrong, questions: {} } },
    ], { position: head, recordedAt: null });
    await readModels.commit('segments', [], { position: 3, recordedAt: null });
    await readModels.close();
    t = await startApp({ dataDir, config: { suppressionK: 1 } });
    await t.settle();
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('folds the rest of the log without refusing anything, and a rebuild gives the figures the log holds', async () => {
    expect((await ready()).projections.map((p: { status: string; lag: number }) => [p.status, p.lag])).toEqual(PROJECTIONS.map(() => ['running', 0]));
    // Current: a rated constructor (satisfied) and tax (very satisfied), b rated constructor (dissatisfied).
    const expected = { respondents: 2, evaluations: 3, satisfaction: { rate: rate(2, 3) } };
    // Until rebuilt, the reports documents the earlier version left are served as they are (its wrong counts).
    expect(await report()).toMatchObject({ respondents: 1, evaluations: 2 });
    const run = await runCli(['rebuild', 'reports', '--json'], { DATA_DIR: dataDir });
    expect({ code: run.code, outcome: run.code === 0 ? JSON.parse(run.stdout).projections[0].outcome : run.stderr }).toEqual({ code: 0, outcome: 'switched' });
    await t.settle();
    expect(await report()).toMatchObject(expected);
    const detail = (await t.http().get('/v1/reports/campaigns/up-2019/agencies/constructor').set(analyst).expect(200)).body;
    expect(detail.segments.district.map((c: { value: string; n: number }) => [c.value, c.n]).sort()).toEqual([['__proto__', 1], ['constructor', 1]]);
  });

  it('decides on those ballots as their events say: a current rating withdraws (204), the same one again changes nothing', async () => {
    await withdraw(t, a, 'up-2019', 'constructor').expect(204);
    const again = await submit(t, b, 'up-2019', 'constructor', { rating: 'dissatisfied' });
    expect({ status: again.status, outcome: again.body.outcome }).toEqual({ status: 200, outcome: 'unchanged' });
  });

  const ready = async () => (await t.http().get('/v1/health/ready').expect(200)).body;
  const report = async () => (await t.http().get('/v1/reports/campaigns/up-2019').set(analyst).expect(200)).body;
});
