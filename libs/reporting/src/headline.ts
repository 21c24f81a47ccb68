/**
 * The headline report of a campaign, from level counts alone (pure): respondents, evaluations,
 * satisfaction rate with its Wilson interval, mean score, bad-review rate, agencies ranked, and
 * the change against the previous campaign in points with a two-proportion z-test. Counts come in
 * Maps keyed by level and agency id: an id is user text (it may spell `constructor`).
 */
import { meanScore, percent } from './rates';
import { change, Change } from './significance';
import { rateFigure, RateFigure } from './wilson';

export interface LevelInput {
  id: string;
  score: number;
  satisfied: boolean;
  negative: boolean;
}

export interface CampaignCounts {
  campaignId: string;
  year: number;
  agencies: { id: string; name: string }[];
  scale: LevelInput[];
  respondents: number;
  /** level id → current evaluations. */
  levels: ReadonlyMap<string, number>;
  /** agency id → level id → current evaluations. */
  agencyLevels: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export interface Summary {
  n: number;
  satisfied: number;
  negative: number;
  scoreSum: number;
}

export interface AgencyFigures {
  agencyId: string;
  name: string;
  rank: number;
  evaluations: number;
  satisfaction: RateFigure;
  meanScore: number | null;
  badReviewRate: number | null;
  change: Change | null;
}

export interface HeadlineReport {
  campaignId: string;
  year: number;
  respondents: number;
  evaluations: number;
  satisfaction: RateFigure;
  meanScore: number | null;
  badReviewRate: number | null;
  previous: { campaignId: string; year: number; rate: number | null } | null;
  change: Change | null;
  agencies: AgencyFigures[];
  asOf: { position: string; recordedAt: string | null };
}

export function summarize(levels: ReadonlyMap<string, number> | undefined, scale: LevelInput[]): Summary {
  const s: Summary = { n: 0, satisfied: 0, negative: 0, scoreSum: 0 };
  for (const level of scale) {
    const k = levels?.get(level.id) ?? 0;
    s.n += k;
    if (level.satisfied) s.satisfied += k;
    if (level.negative) s.negative += k;
    s.scoreSum += k * level.score;
  }
  return s;
}

const changeOf = (now: Summary, before: Summary | undefined) =>
  before ? change(now.satisfied, now.n, before.satisfied, before.n) : null;

export function headlineReport(
  current: CampaignCounts,
  previous: CampaignCounts | null,
  asOf: { position: number; recordedAt: string | null },
): HeadlineReport {
  const total = summarize(current.levels, current.scale);
  const before = previous ? summarize(previous.levels, previous.scale) : undefined;
  const agencies = current.agencies.map((a) => {
    const s = summarize(current.agencyLevels.get(a.id), current.scale);
    const priorLevels = previous?.agencyLevels.get(a.id);
    const prior = previous && priorLevels ? summarize(priorLevels, previous.scale) : undefined;
    return { agency: a, s, change: changeOf(s, prior) };
  });
  agencies.sort((x, y) => byRate(x.s, y.s) || y.s.n - x.s.n || (x.agency.id < y.agency.id ? -1 : 1));
  return {
    campaignId: current.campaignId,
    year: current.year,
    respondents: current.respondents,
    evaluations: total.n,
    satisfaction: rateFigure(total.satisfied, total.n),
    meanScore: meanScore(total.scoreSum, total.n),
    badReviewRate: percent(total.negative, total.n),
    previous: previous && before ? { campaignId: previous.campaignId, year: previous.year, rate: percent(before.satisfied, before.n) } : null,
    change: changeOf(total, before),
    agencies: agencies.map(({ agency, s, change: c }, i) => ({
      agencyId: agency.id,
      name: agency.name,
      rank: competitionRank(agencies.map((x) => x.s), i),
      evaluations: s.n,
      satisfaction: rateFigure(s.satisfied, s.n),
      meanScore: meanScore(s.scoreSum, s.n),
      badReviewRate: percent(s.negative, s.n),
      change: c,
    })),
    asOf: { position: String(asOf.position), recordedAt: asOf.recordedAt },
  };
}

/** Higher exact rate first (compared as fractions, no rounding); agencies nobody rated last. */
function byRate(a: Summary, b: Summary): number {
  if (a.n === 0 || b.n === 0) return (a.n === 0 ? 1 : 0) - (b.n === 0 ? 1 : 0);
  return b.satisfied * a.n - a.satisfied * b.n;
}

/** Standard competition ranking ("1224"): equal exact rates share a rank. */
function competitionRank(sorted: Summary[], i: number): number {
  let first = i;
  while (first > 0 && byRate(sorted[first - 1], sorted[i]) === 0) first--;
  return first + 1;
}
