/**
 * The lines the demo prints after the rectification figures: 2019's requests (企业诉求) as the
 * report route answers them (RequestReportQuery, the query of GET /v1/reports/requests), never
 * recomputed here, and beside them the steps that report does not count (extensions, reopenings,
 * withdrawals, not-rated closings), counted in the requests' streams.
 */
import type { RequestReport } from '@survey/reporting';
import type { RequestCounts, RequestOutcomes } from './demo-requests';

type Rate = RequestReport['total']['rates']['resolvedOnTime'];

const pct = (r: Rate) => (r.rate === null ? 'n/a' : `${r.rate.toFixed(1)}% (95% CI ${r.low?.toFixed(1)}–${r.high?.toFixed(1)}%, n = ${r.n})`);

/**
 * `counts`: what this run filed and stepped (0 on a re-run); `names`: the demo's agencies' names, for
 * the agencies the report names by id only (a campaign's agencies are not registered in the directory).
 */
export function requestFigures(report: RequestReport, outcomes: RequestOutcomes, counts: RequestCounts, names: ReadonlyMap<string, string> = new Map()): string {
  const t = report.total;
  const slowest = [...report.agencies]
    .filter((a) => a.rates.resolvedOnTime.rate !== null && a.rates.resolvedOnTime.n >= 10)
    .sort((a, b) => (a.rates.resolvedOnTime.rate ?? 0) - (b.rates.resolvedOnTime.rate ?? 0))
    .slice(0, 2)
    .map((a) => `${a.name ?? names.get(a.agencyId) ?? a.agencyId} ${pct(a.rates.resolvedOnTime)}`);
  const busiest = [...report.categories].sort((a, b) => b.received - a.received).slice(0, 3).map((c) => `${c.category} ${c.received}`);
  return [
    '',
    `2019 requests (企业诉求): ${t.received} filed, ${t.open} open, ${t.overdue} overdue` +
      (counts.steps ? `; ${counts.filed} filed and ${counts.steps} steps taken by simulated staff and enterprises.` : '.'),
    `  dispatched on time ${pct(t.rates.dispatchedOnTime)}; returned ${t.returned}`,
    `  resolved ${t.resolved}, on time ${pct(t.rates.resolvedOnTime)}; extensions asked ${outcomes.extensionsAsked}, granted ${outcomes.extensionsGranted}`,
    `  rated ${t.rated}, satisfied ${pct(t.rates.satisfied)}; reopened ${outcomes.reopened}, escalated ${t.escalated}`,
    `  withdrawn ${outcomes.withdrawn}, closed not rated ${outcomes.notRated}, deadlines missed ${outcomes.deadlinesMissed}`,
    `  most filed: ${busiest.join(', ')}; slowest to resolve: ${slowest.join('; ')}`,
  ].join('\n');
}
