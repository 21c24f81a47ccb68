/**
 * What the live headline says about a campaign's published figures: once an invalidation (the
 * only change a published campaign still takes) has moved the live figures, a reader of the live
 * report must see that they no longer match what was published, and by how much. The published
 * figures themselves never change (ResultsPublished is immutable); public results serve those.
 */
import type { HeadlineReport } from '@survey/reporting';

export interface PublishedComparison {
  publishedAt: string;
  /** Log position the published figures were computed at. */
  position: number;
  rate: number | null;
  respondents: number | null;
  evaluations: number | null;
  /** True when any of the three live figures is not the published one. */
  differs: boolean;
  /** live − published: points between the displayed rates (one decimal), counts as differences. */
  differsBy: { points: number | null; respondents: number | null; evaluations: number | null };
}

export type LiveReport = HeadlineReport & { published?: PublishedComparison };

type Published = { publishedAt: string; position: number; figures: Record<string, unknown> } | null | undefined;

const numberOr = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/** The report with `published` added when the campaign is published; the report as it is otherwise. */
export function withPublished(live: HeadlineReport, published: Published): LiveReport {
  if (!published) return live;
  const figures = published.figures;
  const rate = numberOr((figures.satisfaction as Record<string, unknown> | undefined)?.rate);
  const respondents = numberOr(figures.respondents);
  const evaluations = numberOr(figures.evaluations);
  // Rates have one decimal: subtract in tenths so that 82.0 − 81.9 is 0.1, not 0.09999….
  const tenths = (r: number | null) => (r === null ? null : Math.round(r * 10));
  const pointsInTenths = minus(tenths(live.satisfaction.rate), tenths(rate));
  const differsBy = {
    points: pointsInTenths === null ? null : pointsInTenths / 10,
    respondents: minus(live.respondents, respondents),
    evaluations: minus(live.evaluations, evaluations),
  };
  const differs = live.satisfaction.rate !== rate || live.respondents !== respondents || live.evaluations !== evaluations;
  return { ...live, published: { publishedAt: published.publishedAt, position: published.position, rate, respondents, evaluations, differs, differsBy } };
}
