/**
 * `survey demo`: seeds the 2018 and 2019 campaigns through the command path with a progress bar
 * (projections folded meanwhile by a separate projector process, on the second core), prints the
 * headline, the rectification and the request figures, then serves the API on the same data and prints the URL and an analyst token.
 */
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Presets, SingleBar } from 'cli-progress';
import { Aggregates, AppConfig, CampaignReportQuery, ManualClock, Projections, RectificationReportQuery, RequestReportQuery, signToken } from '@survey/application';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import type { HeadlineReport, RectificationReport, RequestReport } from '@survey/reporting';
import { withCliContext } from '../cli-context';
import { buildDemoPlan } from './demo-plan';
import { DemoSeeder } from './seed';
import { Child, runNode } from './child';
import { LiveCampaign, openLiveCampaign } from './live-campaign';
import { say } from '../conventions';
import { printTimings, timed } from './demo-timing';
import { DemoCaseLoop, evaluationKey } from './loop/case-loop';
import { rectificationFigures } from './rectification-figures';
import { DemoRequests, RequestCounts, RequestOutcomes } from './requests/demo-requests';
import { buildRequestPlan, REQUEST_YEAR } from './requests/request-plan';
import { requestFigures } from './requests/request-figures';

export async function runDemo(config: AppConfig, options: { seed: number; serve: boolean }): Promise<void> {
  const started = Date.now();
  const plan = buildDemoPlan(options.seed);
  const env = { DATA_DIR: config.dataDir, SURVEY_JWT_SECRET: config.jwtSecret, PORT: String(config.port), PUBLIC_URL: config.publicUrl };
  // The demo plays the cases on its own clock (./loop/case-loop.ts): its projector leaves them alone.
  // Nobody reads the figures before the seeding ends (the requests' agency directory excepted, which
  // waits for it), so the projector commits a second's bursts of appends together rather than each
  // burst's counters, and runs at the lowest CPU priority: the seeding's critical path is this
  // process's threads (the commands, then the append writer), on two cores shared with it.
  const projector = runNode('apps/projector/src/main.js', { ...env, CASE_PROCESSES: 'off', PROJECTION_FOLLOW_HOLD_MS: '1000' }, 'ignore', 19);
  const clock = new ManualClock(new Date(plan.campaigns[0].opensAt));
  let report: HeadlineReport;
  let cases: RectificationReport;
  let live: LiveCampaign;
  let appended: number;
  let steps: number;
  let requests: { report: RequestReport; outcomes: RequestOutcomes; counts: RequestCounts };
  try {
    ({ report, cases, live, appended, steps, requests } = await withCliContext(config, async (app) => {
      const events = app.get<EventStore>(EVENT_STORE);
      const head = await events.headPosition();
      const upheld = new Set(plan.ballots.flatMap((b) => b.upheldAppeals.map((agencyId) => evaluationKey({ campaignId: b.campaignId, creditCode: b.creditCode, agencyId }))));
      const loop = new DemoCaseLoop(app, clock, options.seed, upheld);
      const demoRequests = new DemoRequests(app, clock, buildRequestPlan(options.seed, plan.enterprises, plan.agencies));
      await seedWithProgress(new DemoSeeder(app.get(CommandBus), app.get(QueryBus), app.get(Aggregates), clock, events, loop, [demoRequests]), plan);
      const seeded = (await events.headPosition()) - head;
      // Opt-in, for measuring (DEMO_TIMING=1): the wall time of the case loop's phases, summed over the turns.
      if (process.env.DEMO_TIMING === '1') process.stderr.write(`case loop's turns, ms: ${JSON.stringify(loop.timings, (_, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}\n`);
      await timed('projections catch-up', () => app.get(Projections).catchUp(300_000));
      const queries = app.get(QueryBus);
      return {
        report: await queries.execute(new CampaignReportQuery('xz-2019')), cases: await queries.execute(new RectificationReportQuery('xz-2019')),
        requests: {
          report: await queries.execute(new RequestReportQuery(`${REQUEST_YEAR}-01-01`, null)), outcomes: await demoRequests.outcomes(), counts: demoRequests.counts,
        },
        live: await timed('live campaign', () => openLiveCampaign(app, config, clock, plan)), appended: seeded, steps: loop.counts.steps,
      };
    }, { clock }));
  } finally {
    await projector.stop();
  }
  const seconds = (Date.now() - started) / 1000;
  printTimings();
  say(appended === 0
    ? `\nThe demo's data was already in ${config.dataDir}: nothing appended, nothing changed (${seconds.toFixed(1)} s).\n${headlineFigures(report)}`
    : headline(report, plan.enterprises.length, seconds));
  say(rectificationFigures(cases, steps));
  say(requestFigures(requests.report, requests.outcomes, requests.counts, new Map(plan.agencies.map((a) => [a.id, a.name]))));
  if (!options.serve) {
    say(questionnaire(live));
    return;
  }

  const api = runNode('apps/api/src/main.js', env, 'inherit');
  const analyst = signToken({ role: 'analyst', sub: 'demo-analyst' }, config.jwtSecret, 8 * 3600);
  await api.ready(`http://127.0.0.1:${config.port}/v1/health`);
  say([
    '',
    `API: ${config.publicUrl}   (data in ${config.dataDir}; Ctrl-C stops it)`,
    `Dashboard: ${config.publicUrl}/   (paste the analyst token there; public results: ${config.publicUrl}/public)`,
    'Analyst token (valid 8 h):',
    analyst,
    '',
    `  curl -H "Authorization: Bearer <token>" ${config.publicUrl}/v1/reports/campaigns/xz-2019`,
    `  curl ${config.publicUrl}/v1/public/campaigns/xz-2019/results`,
    questionnaire(live),
  ].join('\n'));
  await forwardSignals(api);
}

async function seedWithProgress(seeder: DemoSeeder, plan: ReturnType<typeof buildDemoPlan>): Promise<void> {
  const total = DemoSeeder.work(plan);
  const bar = new SingleBar(
    { format: 'seeding {bar} {percentage}% | {value}/{total} commands | {phase} | ETA {eta_formatted}', hideCursor: true, etaBuffer: 5000, stream: process.stderr },
    Presets.shades_classic,
  );
  bar.start(total, 0, { phase: 'enterprises' });
  let done = 0;
  await seeder.seed(plan, {
    total,
    advance: (steps, phase) => {
      done += steps;
      if (done % 1000 < steps) bar.update(done, { phase });
    },
  });
  bar.update(total, { phase: 'done' });
  bar.stop();
}

function headline(r: HeadlineReport, enterprises: number, seconds: number): string {
  return ['', `Seeded ${enterprises} enterprises and the xz-2018 and xz-2019 campaigns, with their rectification cases and ${REQUEST_YEAR}'s enterprise requests, in ${seconds.toFixed(1)} s.`, headlineFigures(r)].join('\n');
}

function headlineFigures(r: HeadlineReport): string {
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${x.toFixed(1)}%`);
  const points = r.change ? `${r.change.points > 0 ? '+' : ''}${r.change.points.toFixed(1)} points (p = ${r.change.pValue}, ${r.change.significant ? 'significant' : 'not significant'})` : 'n/a';
  const agencies = (list: typeof r.agencies) => list.map((a) => `${a.name} ${pct(a.satisfaction.rate)}`).join(', ');
  return [
    `xz-2019: ${r.respondents} respondents, ${r.evaluations} evaluations, satisfaction ${pct(r.satisfaction.rate)} ` +
      `(95% CI ${pct(r.satisfaction.low)}–${pct(r.satisfaction.high)}); ${r.previous?.campaignId}: ${pct(r.previous?.rate)}; change ${points}`,
    `Highest: ${agencies(r.agencies.slice(0, 3))}. Lowest: ${agencies(r.agencies.slice(-2))}.`,
  ].join('\n');
}

function questionnaire(live: LiveCampaign): string {
  if (!live.sample) return `\n${live.campaignId} has closed since the demo opened it: delete ${live.csv.replace(/\/[^/]+$/, '')} to start over.`;
  const { enterprise, link } = live.sample;
  return [
    '',
    `${live.campaignId} is open until ${live.closesAt.slice(0, 10)}; ${live.links} enterprises invited (every link: ${live.csv}).`,
    `Questionnaire of ${enterprise.name} (${enterprise.creditCode}), open it in a browser:`,
    link,
  ].join('\n');
}

function forwardSignals(child: Child): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void child.stop(signal));
  return child.exited.then((code) => {
    process.exitCode = code ?? 0;
  });
}
