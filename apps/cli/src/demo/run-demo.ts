/**
 * `survey demo`: seeds the 2018 and 2019 campaigns through the command path with a progress bar,
 * then serves the API on the same data and prints the headline, the URL and an analyst token.
 */
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { SingleBar, Presets } from 'cli-progress';
import { AppModule } from '../../../api/src/app.module';
import { AppConfig } from '../../../api/src/config/config';
import { signToken } from '../../../api/src/http/auth';
import { createHttpApp } from '../../../api/src/http/create-app';
import { Aggregates } from '../../../api/src/infrastructure/aggregates';
import { ManualClock, systemClock } from '../../../api/src/infrastructure/clock';
import { Projections } from '../../../api/src/infrastructure/stores.module';
import { CampaignReportQuery } from '../../../api/src/reports/campaign-report.query';
import { buildDemoPlan } from './demo-plan';
import { DemoSeeder } from './seed';

/** Follows the plan's times while seeding, then becomes the real clock. */
class DemoClock extends ManualClock {
  private live = false;
  goLive(): void {
    this.live = true;
  }
  override now(): Date {
    return this.live ? systemClock.now() : super.now();
  }
}

export async function runDemo(config: AppConfig, options: { seed: number; serve: boolean }): Promise<void> {
  const started = Date.now();
  const plan = buildDemoPlan(options.seed);
  const clock = new DemoClock(new Date(plan.campaigns[0].opensAt));
  const app = await createHttpApp(AppModule.forRoot({ ...config, inProcessProjector: process.env.XP !== "1" }, clock));
  await app.init();

  const bar = new SingleBar({ format: 'seeding {bar} {percentage}% | {value}/{total} commands | {phase} | {rate}/s | ETA {eta_formatted}', hideCursor: true, etaBuffer: 200, stream: process.stderr }, Presets.shades_classic);
  let done = 0;
  const total = DemoSeeder.work(plan);
  bar.start(total, 0, { phase: 'enterprises', rate: 0 });
  const seeder = new DemoSeeder(app.get(CommandBus), app.get(Aggregates), clock);
  await seeder.seed(plan, {
    total,
    advance: (steps, phase) => {
      done += steps;
      if (done % 500 < steps || done === total) bar.update(done, { phase, rate: Math.round(done / ((Date.now() - started) / 1000)) });
    },
  });
  bar.update(total);
  bar.stop();
  const t1 = Date.now(); if (process.env.XP === "1") { for (const p of app.get(Projections).all) await p.start(); } await app.get(Projections).catchUp(120_000); console.log("catchup ms", Date.now() - t1);
  clock.goLive();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  const report = await app.get(QueryBus).execute(new CampaignReportQuery('xz-2019'));
  const lines = [
    '',
    `Seeded in ${seconds} s: ${plan.enterprises.length} enterprises; campaigns ${plan.campaigns.map((c) => c.id).join(', ')}.`,
    `2019 headline: ${report.respondents} respondents, ${report.evaluations} evaluations, satisfaction ${report.satisfaction.rate}% ` +
      `[95% CI ${report.satisfaction.low}–${report.satisfaction.high}], ${report.previous?.year}: ${report.previous?.rate}%, ` +
      `change ${signed(report.change?.points)} points (p = ${report.change?.pValue}).`,
    `Top agencies: ${report.agencies.slice(0, 3).map((a) => `${a.name} ${a.satisfaction.rate}%`).join(', ')}; ` +
      `lowest: ${report.agencies.slice(-2).map((a) => `${a.name} ${a.satisfaction.rate}%`).join(', ')}.`,
  ];
  console.log(lines.join('\n'));
  if (!options.serve) return app.close();

  await app.listen(config.port, '127.0.0.1');
  const analyst = signToken({ role: 'analyst', sub: 'demo-analyst' }, config.jwtSecret, 8 * 3600);
  console.log([
    '',
    `API: ${config.publicUrl}   (data in ${config.dataDir}; Ctrl-C stops it)`,
    `Analyst token (8 h):`,
    analyst,
    '',
    `Try: curl -H "Authorization: Bearer $TOKEN" ${config.publicUrl}/v1/reports/campaigns/xz-2019`,
    `     curl ${config.publicUrl}/v1/public/campaigns/xz-2019/results`,
  ].join('\n'));
}

const signed = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x > 0 ? `+${x.toFixed(1)}` : x.toFixed(1));
