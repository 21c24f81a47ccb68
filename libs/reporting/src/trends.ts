/**
 * Trends (pure): the satisfaction series over all campaigns, ordered by year, overall or for one
 * agency, with the change between consecutive campaigns in points and a two-proportion z-test.
 * A change between campaigns whose scales or questions differ is still computed but flagged
 * `comparable: false`: "satisfied" did not mean the same thing on both sides.
 */
import { LevelInput, summarize } from './headline';
import { meanScore, percent } from './rates';
import { change, Change } from './significance';
import { rateFigure, RateFigure } from './wilson';

export const TREND_TEST = 'two-proportion z-test, pooled, two-sided';

export interface TrendInput {
  campaignId: string;
  year: number;
  scale: LevelInput[];
  questionIds: string[];
  /** level id → current evaluations. */
  levels: ReadonlyMap<string, number>;
}

export interface TrendPoint {
  campaignId: string;
  year: number;
  n: number;
  satisfaction: RateFigure;
  meanScore: number | null;
  badReviewRate: number | null;
  change: (Change & { comparable: boolean }) | null;
}

export interface Trends {
  agencyId: string | null;
  test: string;
  series: TrendPoint[];
}

/** Same levels in the same order, each meaning the same (score and flags). */
export function sameScale(a: LevelInput[], b: LevelInput[]): boolean {
  return a.length === b.length && a.every((l, i) => l.id === b[i].id && l.score === b[i].score && l.satisfied === b[i].satisfied && l.negative === b[i].negative);
}

/** Same question ids, in any order. */
export function sameQuestions(a: string[], b: string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((q) => set.has(q));
}

export function trends(agencyId: string | null, inputs: TrendInput[]): Trends {
  const ordered = [...inputs].sort((a, b) => a.year - b.year || (a.campaignId < b.campaignId ? -1 : 1));
  const series = ordered.map((point, i) => {
    const s = summarize(point.levels, point.scale);
    const before = i > 0 ? ordered[i - 1] : null;
    const b = before ? summarize(before.levels, before.scale) : null;
    const c = b ? change(s.satisfied, s.n, b.satisfied, b.n) : null;
    const comparable = !!before && sameScale(point.scale, before.scale) && sameQuestions(point.questionIds, before.questionIds);
    return {
      campaignId: point.campaignId,
      year: point.year,
      n: s.n,
      satisfaction: rateFigure(s.satisfied, s.n),
      meanScore: meanScore(s.scoreSum, s.n),
      badReviewRate: percent(s.negative, s.n),
      change: c ? { ...c, comparable } : null,
    };
  });
  return { agencyId, test: TREND_TEST, series };
}
