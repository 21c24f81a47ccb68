/**
 * The demo's seeding through the real command handlers on real SQLite files, on a slice of the
 * plan: the reports show exactly what the plan's actions leave behind, both campaigns end closed
 * and published, and seeding again appends nothing.
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
    const enterprises = full.enterprises.slice(0, 400);
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

  const surveyEvents = async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    return (await store.readAll(0, 1_000_000)).filter((e) => e.stream !== SEALS_STREAM).length;
  };
  const seed = () => new DemoSeeder(app.get(CommandBus), app.get(QueryBus), app.get(Aggregates), clock).seed(plan, { total: 0, advance: () => undefined });

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
    // every action one event; plus registrations, two openings, two closings, two publications
    // (the sealer's seals, in a stream of their own, are not the seeding's)
    expect(await surveyEvents()).toBe(actions + plan.enterprises.length + 6);
  }, 60_000);

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
