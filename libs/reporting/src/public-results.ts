/**
 * Published results for the public (pure): the figures exactly as ResultsPublished froze them,
 * plus the public ranking of bad-review rates that government-service evaluation rules ask for,
 * derived from those same published figures only (lowest bad-review rate first; equal published
 * rates share a rank; agencies nobody rated last). Tolerant of fields other features add to the
 * figures: they pass through untouched.
 */
export interface BadReviewRank {
  rank: number;
  agencyId: string;
  name: string;
  badReviewRate: number | null;
  evaluations: number;
}

interface PublishedAgency {
  agencyId?: unknown;
  name?: unknown;
  badReviewRate?: unknown;
  evaluations?: unknown;
}

export function badReviewRanking(agencies: unknown): BadReviewRank[] {
  if (!Array.isArray(agencies)) return [];
  const rows = (agencies as PublishedAgency[])
    .filter((a) => a && typeof a.agencyId === 'string')
    .map((a) => ({
      agencyId: a.agencyId as string,
      name: typeof a.name === 'string' ? a.name : '',
      badReviewRate: typeof a.badReviewRate === 'number' ? a.badReviewRate : null,
      evaluations: typeof a.evaluations === 'number' ? a.evaluations : 0,
    }));
  const key = (r: { badReviewRate: number | null }) => r.badReviewRate ?? Infinity;
  rows.sort((a, b) => key(a) - key(b) || (a.agencyId < b.agencyId ? -1 : 1));
  return rows.map((r, i) => {
    let first = i;
    while (first > 0 && key(rows[first - 1]) === key(r)) first--;
    return { rank: first + 1, ...r };
  });
}

export function publicResults(figures: Record<string, unknown>, publishedAt: string, seal?: unknown): Record<string, unknown> {
  return { ...figures, badReviewRanking: badReviewRanking(figures.agencies), publishedAt, ...(seal ? { seal } : {}) };
}
