/**
 * The reports as CSV rows (pure generators, one line at a time, so the HTTP edge can stream them):
 * the headline with its agencies (and campaign-wide segment cells), and one agency's detail.
 * Suppressed cells keep their value and `suppressed` = true with every figure empty. Text cells
 * that a spreadsheet would run as a formula (=, +, -, @ first) are prefixed with an apostrophe.
 */
import type { AgencyDetail, Figures, SegmentCell, SegmentDimension } from './agency-detail';
import type { HeadlineReport } from './headline';
import type { RateFigure } from './wilson';

type Field = string | number | boolean | null | undefined;

/** RFC 4180 quoting for one field; numbers and booleans as JSON writes them. */
export function csvField(value: Field, text = false): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (fields: string[]) => `${fields.join(',')}\r\n`;
const rate = (f: RateFigure | undefined) => [f?.rate, f?.low, f?.high].map((x) => csvField(x));

export const HEADLINE_COLUMNS = [
  'campaign_id', 'year', 'scope', 'agency_id', 'agency_name', 'dimension', 'value', 'rank', 'respondents', 'evaluations',
  'satisfaction_rate', 'ci_low', 'ci_high', 'mean_score', 'bad_review_rate', 'change_points', 'p_value', 'significant', 'suppressed',
];

/** Campaign-wide segment cells, already protected (see suppression.ts). */
export type SegmentRows = Record<SegmentDimension, SegmentCell[]> | null;

export function* headlineCsv(report: HeadlineReport, segments: SegmentRows = null): Generator<string> {
  const c = report.change;
  const start = [csvField(report.campaignId, true), csvField(report.year)];
  yield line(HEADLINE_COLUMNS);
  yield line([...start, 'campaign', '', '', '', '', '', csvField(report.respondents), csvField(report.evaluations), ...rate(report.satisfaction),
    csvField(report.meanScore), csvField(report.badReviewRate), csvField(c?.points), csvField(c?.pValue), csvField(c?.significant), 'false']);
  for (const a of report.agencies) {
    yield line([...start, 'agency', csvField(a.agencyId, true), csvField(a.name, true), '', '', csvField(a.rank), '', csvField(a.evaluations), ...rate(a.satisfaction),
      csvField(a.meanScore), csvField(a.badReviewRate), csvField(a.change?.points), csvField(a.change?.pValue), csvField(a.change?.significant), 'false']);
  }
  for (const [dimension, cells] of Object.entries(segments ?? {})) {
    for (const cell of cells) {
      const shown = 'suppressed' in cell ? null : (cell as Figures & { respondents: number });
      yield line([...start, 'segment', '', '', dimension, csvField(cell.value, true), '', csvField(shown?.respondents), csvField(shown?.n), ...rate(shown?.satisfaction),
        csvField(shown?.meanScore), csvField(shown?.badReviews.rate), '', '', '', String(!shown)]);
    }
  }
}

export const AGENCY_COLUMNS = [
  'campaign_id', 'agency_id', 'breakdown', 'dimension', 'value', 'respondents', 'n', 'satisfaction_rate', 'ci_low', 'ci_high',
  'mean_score', 'bad_review_rate', 'bad_review_low', 'bad_review_high', 'suppressed',
];

export function* agencyCsv(detail: AgencyDetail): Generator<string> {
  const start = [csvField(detail.campaignId, true), csvField(detail.agencyId, true)];
  const figures = (f: Figures | null, respondents?: number) => [
    csvField(respondents), csvField(f?.n), ...rate(f?.satisfaction), csvField(f?.meanScore), ...rate(f?.badReviews), String(!f),
  ];
  yield line(AGENCY_COLUMNS);
  yield line([...start, 'agency', '', csvField(detail.name, true), ...figures({ n: detail.evaluations, satisfaction: detail.satisfaction, meanScore: detail.meanScore, badReviews: detail.badReviews }, detail.respondents)]);
  for (const q of detail.questions) {
    const shown = 'suppressed' in q ? null : (q as Figures);
    yield line([...start, 'question', '', csvField(q.questionId, true), ...figures(shown, shown?.n)]);
  }
  for (const [dimension, cells] of Object.entries(detail.segments ?? {})) {
    for (const cell of cells) {
      const shown = 'suppressed' in cell ? null : (cell as Figures & { respondents: number });
      yield line([...start, 'segment', dimension, csvField(cell.value, true), ...figures(shown, shown?.respondents)]);
    }
  }
}
