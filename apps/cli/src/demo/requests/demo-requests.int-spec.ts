/**
 * The demo's requests through the real command handlers on real SQLite files, on a slice of the
 * plan that holds every path (returned, extended, late, reopened, escalated, withdrawn, not rated):
 * played on the demo's timeline with the case loop's DeadlineScheduler, every request reaches its
 * end on the demo's clock and the request report (the query of GET /v1/reports/requests) shows
 * exactly the plan's tally; a run interrupted half-way resumes from the log to the same figures,
 * and a re-run appends nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AppConfig, ManualClock, OpenCampaignCommand, Projections, RequestReportQuery, systemMeta } from '@survey/application';
import { EVENT_STORE, EventStore, RecordedEvent } from '@survey/event-store';
import type { RequestEvent } from '@survey/domain';
import type { RequestReport } from '@survey/reporting';
import { cliContext } from '../../cli-context';
import { buildDemoPlan, DemoPlan } from '../demo-plan';
import { importDemoEnterprises } from '../demo-import';
import { DemoCaseLoop } from '../loop/case-loop';
import { DAY_MS, runTimeline } from '../timeline';
import { DemoRequests } from './demo-requests';
import { buildRequestPlan, isNegative, PlannedRequest } from './request-plan';
import { tallyRequests } from './request-tally';

const FIRST_TURN = Date.parse('2019-01-01T09:00:00+08:00');
const HALF_WAY = Date.parse('2019-06-30T09:00:00+08:00');
const LAST_TURN = Date.parse('2020-06-30T09:00:00+08:00');

/** A few requests of each path, keeping their place in the plan (so their Idempotency-Keys). */
function sliceOf(plan: readonly PlannedRequest[]): PlannedRequest[] {
  const paths: ((r: PlannedRequest) => boolean)[] = [
    ({ behaviour: b }) => b.returned,
    ({ behaviour: b }) => b.extension?.granted === true,
    ({ behaviour: b }) => b.extension?.granted === false,
    ({ behaviour: b, category }) => !b.extension && b.resolveAfter !== null && b.resolveAfter > (category === 'consultation' ? 5 : 15),
    ({ behaviour: b }) => b.rating !== null && isNegative(b.rating.level) && b.second?.rating !== null && !isNegative(b.second!.rating!.level),
    ({ behaviour: b }) => b.second?.rating !== null && b.second?.rating !== undefined && isNegative(b.second.rating.level),
    ({ behaviour: b }) => b.second !== null && b.second.rating === null,
    ({ behaviour: b }) => b.withdrawAfter !== null,
    ({ behaviour: b }) => b.resolveAfter !== null && b.rating === null,
    ({ behaviour: b }) => b.rating?.level === 'basically_satisfied',
    ({ behaviour: b }) => b.dispatchWait > 1,
    ({ behaviour: b }) => b.acceptWait > 1,
    ({ filer }) => filer.by === 'enterprise',
    ({ filer }) => filer.by === 'centre',
  ];
  const picked = new Set(paths.flatMap((path) => plan.filter(path).slice(0, 2)));
  return plan.filter((r) => picked.has(r));
}

describe('DemoRequests', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-demo-requests-'));
  let app: INestApplicationContext;
  let demo: DemoPlan;
  let slice: PlannedRequest[];
  let clock: ManualClock;
  let events: EventStore;

  beforeAll(async () => {
    demo = buildDemoPlan();
    slice = sliceOf(buildRequestPlan(2019, demo.enterprises, demo.agencies));
    const config: AppConfig = { port: 0, dataDir, jwtSecret: 'x'.repeat(32), suppressionK: 5, publicUrl: 'http://localhost', inProcessProjector: true };
    clock = new ManualClock(new Date('2018-12-20T00:00:00+08:00'));
    app = await cliContext(config, { clock, runProjections: true, logger: false });
    events = app.get<EventStore>(EVENT_STORE);
    // The demo's agencies come into the directory with a campaign that names them; the filers are registered enterprises.
    const [campaign] = demo.campaigns;
    const meta = { ...systemMeta(), actor: { role: 'admin' as const, sub: 'demo-admin' } };
    await app.get(CommandBus).execute(new OpenCampaignCommand({ campaignId: campaign.id, year: campaign.year, title: campaign.title, opensAt: campaign.opensAt, closesAt: campaign.closesAt, agencies: demo.agencies }, meta));
    const codes = new Set(slice.map((r) => r.creditCode));
    await importDemoEnterprises(app.get(CommandBus), app.get(QueryBus), demo.enterprises.filter((e) => codes.has(e.creditCode)), () => undefined);
  }, 60_000);
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const requestEvents = async () => (await events.readAll(0, 1_000_000)).filter((e) => e.stream.startsWith('request-')) as (RecordedEvent & RequestEvent)[];
  /** A run as the demo's seeder makes it: the case loop (with the one DeadlineScheduler) and the requests, on the timeline. */
  const play = async (lastTurn: number) => {
    const requests = new DemoRequests(app, clock, slice);
    await runTimeline([new DemoCaseLoop(app, clock, 2019, new Set()), requests], FIRST_TURN, lastTurn);
    return requests;
  };
  const report = async (): Promise<RequestReport> => {
    await app.get(Projections).catchUp(10_000);
    return app.get(QueryBus).execute(new RequestReportQuery('2019-01-01', null));
  };

  it('holds every path of the plan in the slice', () => {
    const t = tallyRequests(slice);
    expect(slice.length).toBeGreaterThan(15);
    for (const path of ['returned', 'reopened', 'escalated', 'withdrawn', 'notRated', 'extensionsAsked', 'extensionsGranted'] as const) expect({ path, n: t[path] > 0 }).toEqual({ path, n: true });
    expect(t.resolvedOnTime).toBeLessThan(t.resolved);
    expect(t.dispatchedOnTime).toBeLessThan(t.received);
  });

  it('stops half-way through the year with requests open, then resumes from the log', async () => {
    await expect(play(HALF_WAY)).rejects.toThrow(/work still pending/);
    const filed = (await requestEvents()).filter((e) => e.type === 'RequestReceived');
    expect(filed.length).toBeGreaterThan(0);
    expect(filed.length).toBeLessThan(slice.length);
    // A fresh run's clock starts before the year again, as `survey demo` does.
    clock.set(new Date('2018-12-20T00:00:00+08:00'));
    const requests = await play(LAST_TURN);
    expect(requests.pending()).toBe(0);
    expect(requests.counts.filed).toBe(slice.length - filed.length);
  }, 240_000);

  it('played every request to its end on the demo clock, with the figures the plan implies', async () => {
    const t = tallyRequests(slice);
    const r = await report();
    expect(r.total).toMatchObject({
      received: t.received, dispatchedOnTime: t.dispatchedOnTime, accepted: t.accepted, returned: t.returned, resolved: t.resolved,
      resolvedOnTime: t.resolvedOnTime, rated: t.rated, satisfied: t.satisfied, escalated: t.escalated, open: 0, overdue: 0,
    });
    expect(r.total.rates.satisfied.n).toBe(t.ratingSettled);
    expect(r.total.rates.resolvedOnTime.n).toBe(t.resolved);
    const logged = await requestEvents();
    const count = (type: RequestEvent['type'], when: (e: RecordedEvent & RequestEvent) => boolean = () => true) => logged.filter((e) => e.type === type && when(e)).length;
    expect(count('RequestExtensionAsked')).toBe(t.extensionsAsked);
    expect(count('RequestExtensionDecided', (e) => e.type === 'RequestExtensionDecided' && e.data.granted)).toBe(t.extensionsGranted);
    expect(count('RequestReopened')).toBe(t.reopened);
    expect(count('RequestWithdrawn')).toBe(t.withdrawn);
    expect(count('RequestClosed', (e) => e.type === 'RequestClosed' && e.data.outcome === 'not-rated')).toBe(t.notRated);
    expect(count('RequestClosed')).toBe(slice.length);
    // The scheduler's steps: every late resolution and dispatch recorded missed, and the not-rated closings.
    const bySystem = logged.filter((e) => e.metadata.actor?.role === 'system').map((e) => e.type);
    expect(count('RequestDeadlineMissed', (e) => e.type === 'RequestDeadlineMissed' && e.data.deadline === 'resolve')).toBe(t.resolved - t.resolvedOnTime);
    expect(count('RequestDeadlineMissed', (e) => e.type === 'RequestDeadlineMissed' && e.data.deadline === 'dispatch')).toBe(t.received - t.dispatchedOnTime);
    expect(bySystem.filter((type) => type === 'RequestDeadlineMissed').length).toBe(count('RequestDeadlineMissed'));
    expect(bySystem.filter((type) => type === 'RequestClosed').length).toBe(t.notRated);
    // On the demo's clock: filed in 2019, ended within a few months of the year's end.
    const outside = logged.filter((e) => !(e.data.at >= '2018-12-31T16:00:00.000Z' && e.data.at < '2020-04-01'));
    expect(outside.map((e) => e.data.at)).toEqual([]);
    expect(logged.filter((e) => e.type === 'RequestReceived').every((e) => e.data.at < '2019-12-31T16:00:00.000Z')).toBe(true);
    const outcomes = await new DemoRequests(app, clock, slice).outcomes();
    expect(outcomes).toEqual({
      extensionsAsked: t.extensionsAsked, extensionsGranted: t.extensionsGranted, reopened: t.reopened, withdrawn: t.withdrawn, notRated: t.notRated,
      deadlinesMissed: count('RequestDeadlineMissed'),
    });
  }, 60_000);

  it('appends nothing when run again on the same data', async () => {
    const head = await events.headPosition();
    clock.set(new Date('2018-12-20T00:00:00+08:00'));
    const requests = await play(FIRST_TURN + DAY_MS);
    expect(requests.pending()).toBe(0);
    expect(requests.counts).toEqual({ filed: 0, steps: 0 });
    expect(await events.headPosition()).toBe(head);
  }, 60_000);
});
