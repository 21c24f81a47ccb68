/**
 * The lines the demo prints after the headline: xz-2019's rectification figures as the report
 * route answers them (RectificationReportQuery, the same query as GET /v1/reports/rectification),
 * never recomputed here.
 */
import type { RectificationReport } from '@survey/reporting';

type Rate = RectificationReport['total']['rates']['contactedOnTime'];

const pct = (r: Rate) => (r.rate === null ? 'n/a' : `${r.rate.toFixed(1)}% (95% CI ${r.low?.toFixed(1)}–${r.high?.toFixed(1)}%, n = ${r.n})`);

/** `steps`: how many case steps this run's simulated people took (0 on a re-run). */
export function rectificationFigures(report: RectificationReport, steps: number): string {
  const t = report.total;
  const worst = [...report.agencies]
    .filter((a) => a.rates.rectifiedOnTime.rate !== null)
    .sort((a, b) => (a.rates.rectifiedOnTime.rate ?? 0) - (b.rates.rectifiedOnTime.rate ?? 0))
    .slice(0, 2)
    .map((a) => `${a.name ?? a.agencyId} ${pct(a.rates.rectifiedOnTime)}`);
  return [
    '',
    `${report.campaignId} rectification (差评整改): ${t.cases} cases from bad reviews, ${t.open} open, ${t.overdue} overdue` + (steps ? `; ${steps} steps taken by simulated staff and enterprises.` : '.'),
    `  contacted ${t.contacted}, on time ${pct(t.rates.contactedOnTime)}`,
    `  reported ${t.reported}, rectified on time ${pct(t.rates.rectifiedOnTime)}`,
    `  follow-ups ${t.followUps}, satisfied ${pct(t.rates.followUpSatisfied)}`,
    `  appeals ${t.appeals}, upheld ${t.appealsUpheld} (their evaluations left the figures before publication)`,
    `  slowest to rectify: ${worst.join('; ')}`,
  ].join('\n');
}
