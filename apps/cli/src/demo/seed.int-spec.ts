/**
 * The demo's seeding through the real command handlers on real SQLite files, on a slice of the
 * plan (with three ballots that hold an upheld appeal): the reports show exactly what the plan's
 * actions and its upheld appeals leave behind, both campaigns end closed and published, every bad
 * review became a case that the loop played to its end on the demo's clock, and seeding again
 * appends nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Aggregates, AppConfig, CampaignReportQuery, GetCampaignQuery, ManualClock, Projections } from '@survey/application';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { SEALS_STREAM } from '@survey/domain';
import { cliContext } from '../cli-context';
import { buildDemoPlan, DemoPlan } from './demo-plan';
import { tallyCampaign } from './demo-tally';
import { DemoSeeder } from './seed';
import { DemoCaseLoop, evaluationKey } from './loop/case-loop';
import { openLiveCampaign } from './live-campaign';

const percent = (s: number, n: number) => Math.round((1000 * s) / n) / 10;

describe('DemoSeeder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-seed-'));
  let app: INestApplicationContext;
  let plan: DemoPlan;
  let clock: ManualClock;
  let config: AppConfig;

  beforeAll(async () => {
    const full = buildDemoPlan();
    const appealed = new Set(full.ballots.filter((b) => b.upheldAppeals.length > 0).slice(0, 3).map((b) => b.creditCode));
    const enterprises = [...full.enterprises.slice(0, 400), ...full.enterprises.filter((e) => appealed.has(e.creditCode))];
    const codes = new Set(enterprises.map((e) => e.creditCode));
    plan = { ...full, enterprises, ballots: full.ballots.filter((b) => codes.has(b.creditCode)) };
    config = { port: 0, dataDir, jwtSecret: 'x'.repeat(32), suppressionK: 5, publicUrl: 'http://localhost', inProcessProjector: true };
    clock = new ManualClock(new Date(plan.campaigns[0].opensAt));
    // No projector process here: the projections fold in this one.
    app = await cliContext(config, { clock, runProjections: true, logger: false });
  }, 30_000);
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const logged = async () => (await app.get<EventStore>(EVENT_STORE).readAll(0, 1_000_000)).filter((e) => e.stream !== SEALS_STREAM);
  const surveyEvents = async () => (await logged()).length;
  const upheldKeys = () => new Set(plan.ballots.flatMap((b) => b.upheldAppeals.map((agencyId) => evaluationKey({ ...b, agencyId }))));
  const seed = () => {
    const loop = new DemoCaseLoop(app, clock, 2019, upheldKeys());
    return new DemoSeeder(app.get(CommandBus), app.get(QueryBus), app.get(Aggregates), clock, app.get<EventStore>(EVENT_STORE), loop).seed(plan, { total: 0, advance: () => undefined });
  };

  it('replays the plan through the command path into the figures the plan implies', async () => {
    await seed();
    await app.get(Projections).catchUp(10_000);
    for (const campaign of plan.campaigns) {
      const expected = tallyCampaign(plan, campaign.id);
      const report = await app.get(QueryBus).execute(new CampaignReportQuery(campaign.id));
      expect(report).toMatchObject({ respondents: expected.respondents, evaluations: expected.evaluations });
      expect(report.satisfaction.rate).toBeCloseTo(percent(expected.satisfied, expected.evaluations), 5);
      for (const agency of report.agencies) expect(agency.evaluations).toBe(expected.byAgency.get(agency.agencyId)?.evaluations ?? 0);
      expect((await app.get(QueryBus).execute(new GetCampaignQuery(campaign.id))).status).toBe('published');
    }
    const actions = plan.ballots.reduce((n, b) => n + b.actions.length, 0);
    const upheld = plan.ballots.reduce((n, b) => n + b.upheldAppeals.length, 0);
    expect(upheld).toBe(3);
    const events = await logged();
    const loopEvents = events.filter((e) => e.stream.startsWith('rectification-') || e.type === 'EvaluationInvalidated');
    // every action one event; plus registrations, two openings, two closings, two publications
    // (the sealer's seals, in a stream of their own, are not the seeding's); the rest is the loop's
    expect(events.length - loopEvents.length).toBe(actions + plan.enterprises.length + 6);
    expect(events.filter((e) => e.type === 'EvaluationInvalidated').map((e) => e.data)).toEqual(
      expect.arrayContaining([...upheldKeys()].map((key) => expect.objectContaining({ agencyId: JSON.parse(key)[2], reason: expect.stringMatching(/^appeal upheld: /) }))),
    );
  }, 180_000);

  it('opened a case for every bad review and played each to its end on the demo clock, deadlines missed included', async () => {
    const events = await logged();
    const opened = events.filter((e) => e.type === 'RectificationCaseOpened');
    const closed = events.filter((e) => e.type === 'RectificationCaseClosed');
    const caseKeys = new Set(opened.map((e) => evaluationKey(e.data as { campaignId: string; creditCode: string; agencyId: string })));
    const bad = plan.ballots.flatMap((b) => b.actions.filter((a) => a.kind === 'submit' && (a.rating === 'dissatisfied' || a.rating === 'very_dissatisfied'))
      .map((a) => evaluationKey({ campaignId: b.campaignId, creditCode: b.creditCode, agencyId: a.agencyId })));
    expect(bad.length).toBeGreaterThan(50);
    expect(bad.filter((key) => !caseKeys.has(key))).toEqual([]);
    expect(closed.map((e) => (e.data as { caseId: string }).caseId).sort()).toEqual(opened.map((e) => (e.data as { caseId: string }).caseId).sort());
    const types = new Set(events.filter((e) => e.stream.startsWith('rectification-')).map((e) => e.type));
    for (const type of ['EnterpriseContacted', 'RectificationReported', 'FollowUpRated', 'AppealFiled', 'AppealDecided', 'RectificationDeadlineMissed']) expect(types).toContain(type);
    // Every step on the demo's clock: the case events are recorded between the 2018 campaign's opening and spring 2020.
    const late = events.filter((e) => e.stream.startsWith('rectification-') && !(e.metadata.recordedAt >= '2018-10-31' && e.metadata.recordedAt < '2020-06-01'));
    expect(late.map((e) => e.metadata.recordedAt).slice(0, 3)).toEqual([]);
    const outcomes = new Set(closed.map((e) => (e.data as { outcome: string }).outcome));
    expect(outcomes).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    for (const outcome of ['rectified', 'explained', 'appeal-upheld']) expect(outcomes).toContain(outcome);
  });

  it('appends nothing when run again on the same data', async () => {
    const before = await surveyEvents();
    await seed();
    expect(await surveyEvents()).toBe(before);
  }, 60_000);

  it("then opens this year's campaign and invites every enterprise, leaving the 2019 report as it was; again, nothing", async () => {
    const before = await app.get(QueryBus).execute(new CampaignReportQuery('xz-2019'));
    const live = await openLiveCampaign(app, config, clock, plan);
    expect(live).toMatchObject({ campaignId: `xz-${new Date().getUTCFullYear()}`, links: plan.enterprises.length });
    expect(live.sample?.link).toMatch(/^http:\/\/localhost\/q#t=/);
    expect(readFileSync(live.csv, 'utf8').split('\r\n')).toHaveLength(plan.enterprises.length + 2); // header, rows, ''
    expect((await app.get(QueryBus).execute(new GetCampaignQuery(live.campaignId))).status).toBe('open');
    await app.get(Projections).catchUp(10_000);
    expect(await app.get(QueryBus).execute(new CampaignReportQuery('xz-2019'))).toEqual({ ...before, asOf: expect.anything() });

    const head = await app.get<EventStore>(EVENT_STORE).headPosition();
    await openLiveCampaign(app, config, clock, plan);
    expect(await app.get<EventStore>(EVENT_STORE).headPosition()).toBe(head);
  }, 60_000);
});
