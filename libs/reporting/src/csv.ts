/**
 * The reports as CSV rows (pure generators, one line at a time, so the HTTP edge can stream them):
 * the headline with its agencies (and campaign-wide segment cells), and one agency's detail.
 * Suppressed cells keep their value and `suppressed` = true with every figure empty. Cells go
 * through the one CSV writer (./csv-writer.ts), which defuses text a spreadsheet would run.
 */
import type { AgencyDetail, Figures, SegmentCell, SegmentDimension } from './agency-detail';
import type { HeadlineReport } from './headline';
import type { RateFigure } from './wilson';

import { CsvValue, csvRow } from './csv-writer';

const line = csvRow;
const rate = (f: RateFigure | undefined): CsvValue[] => [f?.rate, f?.low, f?.high];

export const HEADLINE_COLUMNS = [
  'campaign_id', 'year', 'scope', 'agency_id', 'agency_name', 'dimension', 'value', 'rank', 'respondents', 'evaluations',
  'satisfaction_rate', 'ci_low', 'ci_high', 'mean_score', 'bad_review_rate', 'change_points', 'p_value', 'significant', 'suppressed',
];

/** Campaign-wide segment cells, already protected (see suppression.ts). */
export type SegmentRows = Record<SegmentDimension, SegmentCell[]> | null;

export function* headlineCsv(report: HeadlineReport, segments: SegmentRows = null): Generator<string> {
  const c = report.change;
  const start = [report.campaignId, report.year];
  yield line(HEADLINE_COLUMNS);
  yield line([...start, 'campaign', '', '', '', '', '', report.respondents, report.evaluations, ...rate(report.satisfaction),
    report.meanScore, report.badReviewRate, c?.points, c?.pValue, c?.significant, false]);
  for (const a of report.agencies) {
    yield line([...start, 'agency', a.agencyId, a.name, '', '', a.rank, '', a.evaluations, ...rate(a.satisfaction),
      a.meanScore, a.badReviewRate, a.change?.points, a.change?.pValue, a.change?.significant, false]);
  }
  for (const [dimension, cells] of Object.entries(segments ?? {})) {
    for (const cell of cells) {
      const shown = 'suppressed' in cell ? null : (cell as Figures & { respondents: number });
      yield line([...start, 'segment', '', '', dimension, cell.value, '', shown?.respondents, shown?.n, ...rate(shown?.satisfaction),
        shown?.meanScore, shown?.badReviews.rate, '', '', '', !shown]);
    }
  }
}

export const AGENCY_COLUMNS = [
  'campaign_id', 'agency_id', 'breakdown', 'dimension', 'value', 'respondents', 'n', 'satisfaction_rate', 'ci_low', 'ci_high',
  'mean_score', 'bad_review_rate', 'bad_review_low', 'bad_review_high', 'suppressed',
];

export function* agencyCsv(detail: AgencyDetail): Generator<string> {
  const start = [detail.campaignId, detail.agencyId];
  const figures = (f: Figures | null, respondents?: number) => [
    respondents, f?.n, ...rate(f?.satisfaction), f?.meanScore, ...rate(f?.badReviews), !f,
  ];
  yield line(AGENCY_COLUMNS);
  yield line([...start, 'agency', '', detail.name, ...figures({ n: detail.evaluations, satisfaction: detail.satisfaction, meanScore: detail.meanScore, badReviews: detail.badReviews }, detail.respondents)]);
  for (const q of detail.questions) {
    const shown = 'suppressed' in q ? null : (q as Figures);
    yield line([...start, 'question', '', q.questionId, ...figures(shown, shown?.n)]);
  }
  for (const [dimension, cells] of Object.entries(detail.segments ?? {})) {
    for (const cell of cells) {
      const shown = 'suppressed' in cell ? null : (cell as Figures & { respondents: number });
      yield line([...start, 'segment', dimension, cell.value, ...figures(shown, shown?.respondents)]);
    }
  }
}
