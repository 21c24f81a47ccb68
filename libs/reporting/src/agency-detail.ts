/**
 * The agency detail report (pure): the agency's rate, mean score and bad-review rate, per
 * question, per segment (district, industry section, size), and its change against the previous
 * campaign. Every rate comes as { rate, low, high, n } (Wilson 95%). Segment rows go through
 * respondent protection (./suppression); per-question cells only through the primary rule,
 * since questions do not partition the agency's respondents. Counts come in Maps keyed by level,
 * question id and segment value: user text, which may spell `constructor` or `__proto__`.
 */
import { LevelInput, summarize, Summary } from './headline';
import { meanScore, percent } from './rates';
import { change, Change } from './significance';
import { protectRow, ShownCell } from './suppression';
import { rateFigure, RateFigure } from './wilson';

export const SEGMENT_DIMENSIONS = ['district', 'industry', 'size'] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/** Respondents and level counts of one segment value. */
export interface SegmentCounts {
  respondents: number;
  levels: ReadonlyMap<string, number>;
}

export interface AgencyDetailInput {
  campaign: { campaignId: string; year: number; agencies: { id: string; name: string }[]; questions: { id: string; text: string }[]; scale: LevelInput[] };
  agencyId: string;
  /** level id → current evaluations of the agency. */
  levels: ReadonlyMap<string, number>;
  /** question id → level id → current answers. */
  questions: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The agency's counts in the previous campaign (greatest earlier year), null when none. */
  previous: { campaignId: string; year: number; levels: ReadonlyMap<string, number> | null; scale: LevelInput[] } | null;
  /** Per dimension, value → its counts; null: not offered (as-of reports), the reason goes to `segmentsOmitted`. */
  segments: Record<SegmentDimension, ReadonlyMap<string, SegmentCounts>> | null;
  segmentsOmitted?: string;
  k: number;
  asOf: { position: number; recordedAt: string | null };
}

export interface Figures {
  n: number;
  satisfaction: RateFigure;
  meanScore: number | null;
  badReviews: RateFigure;
}

export type SegmentCell = ShownCell<Figures & { respondents: number }>;
export type QuestionCell = { questionId: string; text: string } & (Figures | { suppressed: true });

export interface AgencyDetail {
  campaignId: string;
  year: number;
  agencyId: string;
  name: string;
  respondents: number;
  evaluations: number;
  satisfaction: RateFigure;
  meanScore: number | null;
  badReviewRate: number | null;
  badReviews: RateFigure;
  previous: { campaignId: string; year: number; rate: number | null } | null;
  change: Change | null;
  questions: QuestionCell[];
  segments: Record<SegmentDimension, SegmentCell[]> | null;
  segmentsOmitted?: string;
  suppressionK: number;
  asOf: { position: string; recordedAt: string | null };
}

export function figuresOf(s: Summary): Figures {
  return { n: s.n, satisfaction: rateFigure(s.satisfied, s.n), meanScore: meanScore(s.scoreSum, s.n), badReviews: rateFigure(s.negative, s.n) };
}

const SIZE_ORDER = ['micro', 'small', 'medium', 'large'];
/** Values in a fixed order that says nothing about cell sizes: sizes small to large, others by code point. */
function orderOf(dimension: SegmentDimension) {
  return (a: string, b: string) =>
    dimension === 'size' && SIZE_ORDER.includes(a) && SIZE_ORDER.includes(b) ? SIZE_ORDER.indexOf(a) - SIZE_ORDER.indexOf(b) : a < b ? -1 : a > b ? 1 : 0;
}

/** One protected breakdown row; `forced` values are hidden whatever their size (see suppressedKeys). */
export function segmentRow(dimension: SegmentDimension, cells: ReadonlyMap<string, SegmentCounts>, scale: LevelInput[], k: number, forced: ReadonlySet<string> = new Set()): SegmentCell[] {
  const values = [...cells.keys()].sort(orderOf(dimension));
  return protectRow(
    values.map((value) => {
      const { respondents, levels } = cells.get(value)!;
      return { value, respondents, figures: { respondents, ...figuresOf(summarize(levels, scale)) } };
    }),
    k,
    true,
    forced,
  );
}

export function agencyDetail(input: AgencyDetailInput): AgencyDetail {
  const { campaign, agencyId, k } = input;
  const agency = campaign.agencies.find((a) => a.id === agencyId);
  if (!agency) throw new RangeError(`agency ${agencyId} is not in campaign ${campaign.campaignId}`);
  const total = summarize(input.levels, campaign.scale);
  const before = input.previous?.levels ? summarize(input.previous.levels, input.previous.scale) : null;
  const f = figuresOf(total);
  const questions: QuestionCell[] = campaign.questions.map((q) => {
    const s = summarize(input.questions.get(q.id), campaign.scale);
    // One answer per enterprise per question of an agency: respondents = n. Nobody answered: nothing to hide.
    return s.n > 0 && s.n < k ? { questionId: q.id, text: q.text, suppressed: true as const } : { questionId: q.id, text: q.text, ...figuresOf(s) };
  });
  const segments = input.segments
    ? (Object.fromEntries(SEGMENT_DIMENSIONS.map((d) => [d, segmentRow(d, input.segments![d] ?? new Map(), campaign.scale, k)])) as Record<SegmentDimension, SegmentCell[]>)
    : null;
  return {
    campaignId: campaign.campaignId,
    year: campaign.year,
    agencyId,
    name: agency.name,
    // An enterprise rates an agency at most once per campaign: respondents = evaluations here.
    respondents: total.n,
    evaluations: total.n,
    satisfaction: f.satisfaction,
    meanScore: f.meanScore,
    badReviewRate: percent(total.negative, total.n),
    badReviews: f.badReviews,
    previous: input.previous ? { campaignId: input.previous.campaignId, year: input.previous.year, rate: before ? percent(before.satisfied, before.n) : null } : null,
    change: before ? change(total.satisfied, total.n, before.satisfied, before.n) : null,
    questions,
    segments,
    ...(input.segmentsOmitted ? { segmentsOmitted: input.segmentsOmitted } : {}),
    suppressionK: k,
    asOf: { position: String(input.asOf.position), recordedAt: input.asOf.recordedAt },
  };
}
