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
