/**
 * Pure statistics for the reports: exact rates and changes from counts, Wilson intervals,
 * two-proportion tests, and the rounding every displayed figure goes through. No I/O, no Nest.
 */
export { percent, pointsChange, meanScore } from './rates';
export { round1, round4 } from './rounding';
export { wilson, rateFigure, type Interval, type RateFigure } from './wilson';
export { erfc, normalCdf } from './normal';
export { twoProportionZTest, change, type ZTest, type Change } from './significance';
export { headlineReport, summarize, type HeadlineReport, type AgencyFigures, type CampaignCounts, type Summary, type LevelInput } from './headline';
export { FORMULA_VERSION, methodologyOf, methodologyHash, canonicalJson, type Methodology } from './methodology';
export { suppressedKeys, protectRow, type CountedCell, type ShownCell } from './suppression';
export { agencyDetail, segmentRow, figuresOf, SEGMENT_DIMENSIONS, type AgencyDetail, type AgencyDetailInput, type SegmentCell, type QuestionCell, type SegmentCounts, type SegmentDimension, type Figures } from './agency-detail';
export { trends, sameScale, sameQuestions, TREND_TEST, type Trends, type TrendPoint, type TrendInput } from './trends';
export { csvCell, csvRow, CSV_BOM, type CsvValue } from './csv-writer';
export { headlineCsv, agencyCsv, HEADLINE_COLUMNS, AGENCY_COLUMNS, type SegmentRows } from './csv';
export { badReviewRanking, publicResults, type BadReviewRank } from './public-results';
export {
  rectificationReport, publicRectification, type RectificationReport, type PublicRectification, type AgencyCasesInput, type CaseCountsInput,
  type CaseFigures, type PublicCaseFigures,
} from './rectification';
export {
  requestReport, publicRequests, type RequestReport, type PublicRequests, type RequestReportInput, type RequestDayInput, type OpenRequestInput,
  type RequestCountsInput, type RequestFigures, type PublicRequestFigures,
} from './requests';
