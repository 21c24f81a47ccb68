/**
 * The requests reports (CLOSED-LOOP.md "Report shapes"): over a span of local days, the counts of
 * the enterprises' requests per agency, per category, per month and in all, with their rates, for
 * staff; and the yearly totals per category for the public. Never suppressed: these count the
 * handling of requests, not respondents. Pure: the day counts and open requests come in, `now`
 * decides which open requests are overdue.
 *
 * A span counts the steps reached on its days (each request at most once per step, on the day it
 * first reached it); `open` and `overdue` are the requests received on its days that are open now,
 * and those of them with a pending deadline whose recorded due has passed.
 */
import { rateFigure, RateFigure } from './wilson';

/** A day's (or a span's) cumulative counts; `…Settled` are the rates' denominators. */
export interface RequestCountsInput {
  received: number;
  dispatchedOnTime: number;
  dispatchSettled: number;
  accepted: number;
  returned: number;
  resolved: number;
  resolvedOnTime: number;
  resolveSettled: number;
  rated: number;
  ratingSettled: number;
  satisfied: number;
  escalated: number;
}

export interface RequestDayInput {
  /** `YYYY-MM-DD`, Asia/Shanghai. */
  day: string;
  total: RequestCountsInput;
  categories: readonly { category: string; counts: RequestCountsInput }[];
  agencies: readonly { agencyId: string; counts: RequestCountsInput }[];
}

export interface OpenRequestInput {
  category: string;
  receivedDay: string;
  /** The agency it is dispatched to now; null at the centre. */
  agencyId: string | null;
  dues: readonly { due: string; agencyId: string | null }[];
}

export interface RequestReportInput {
  /** First and last local day of the span, inclusive; null: unbounded. */
  from: string | null;
  to: string | null;
  /** The agencies to list, in order (the directory's); an agency with counts and not listed comes after, by id, its name null. */
  agencies: readonly { agencyId: string; name: string | null }[];
  /** The categories to list, in order; one with counts and not listed comes after, in code-point order. */
  categories: readonly string[];
  days: readonly RequestDayInput[];
  open: readonly OpenRequestInput[];
}

export interface RequestFigures {
  received: number;
  dispatchedOnTime: number;
  accepted: number;
  returned: number;
  resolved: number;
  resolvedOnTime: number;
  rated: number;
  satisfied: number;
  open: number;
  overdue: number;
  escalated: number;
  rates: { dispatchedOnTime: RateFigure; resolvedOnTime: RateFigure; satisfied: RateFigure };
}

export interface RequestReport {
  from: string | null;
  to: string | null;
  agencies: ({ agencyId: string; name: string | null } & RequestFigures)[];
  categories: ({ category: string } & RequestFigures)[];
  /** Every month from the first to the last with a count or an open request in the span, `YYYY-MM`. */
  months: ({ month: string } & RequestFigures)[];
  total: RequestFigures;
}

export interface PublicRequestFigures {
  received: number;
  resolved: number;
  resolvedOnTimeRate: RateFigure;
  satisfactionRate: RateFigure;
}

export interface PublicRequests {
  year: number | null;
  categories: ({ category: string } & PublicRequestFigures)[];
  total: PublicRequestFigures;
}

const COUNTS: readonly (keyof RequestCountsInput)[] = [
  'received', 'dispatchedOnTime', 'dispatchSettled', 'accepted', 'returned', 'resolved', 'resolvedOnTime', 'resolveSettled', 'rated', 'ratingSettled',
  'satisfied', 'escalated',
];

const noCounts = (): RequestCountsInput => Object.fromEntries(COUNTS.map((c) => [c, 0])) as unknown as RequestCountsInput;

/** Sums counts into a Map per key (keys are user text: never an object's keys). */
class Sums {
  private readonly sums = new Map<string, RequestCountsInput>();

  add(key: string, counts: RequestCountsInput): void {
    let sum = this.sums.get(key);
    if (!sum) this.sums.set(key, (sum = noCounts()));
    for (const c of COUNTS) sum[c] += counts[c];
  }

  of(key: string): RequestCountsInput {
    return this.sums.get(key) ?? noCounts();
  }

  keys(): string[] {
    return [...this.sums.keys()];
  }
}

const within = (day: string, from: string | null, to: string | null) => (from === null || day >= from) && (to === null || day <= to);

function figures(c: RequestCountsInput, open: readonly OpenRequestInput[], overdue: (r: OpenRequestInput) => boolean): RequestFigures {
  return {
    received: c.received, dispatchedOnTime: c.dispatchedOnTime, accepted: c.accepted, returned: c.returned, resolved: c.resolved,
    resolvedOnTime: c.resolvedOnTime, rated: c.rated, satisfied: c.satisfied, open: open.length, overdue: open.filter(overdue).length, escalated: c.escalated,
    rates: {
      dispatchedOnTime: rateFigure(c.dispatchedOnTime, c.dispatchSettled),
      resolvedOnTime: rateFigure(c.resolvedOnTime, c.resolveSettled),
      satisfied: rateFigure(c.satisfied, c.ratingSettled),
    },
  };
}

/** The listed keys in their order, then the others that have counts, in code-point order. */
function listed(order: readonly string[], counted: Iterable<string>): string[] {
  const known = new Set(order);
  return [...order, ...[...new Set(counted)].filter((k) => !known.has(k)).sort()];
}

/** The months from the first to the last of the days given (`YYYY-MM-DD`), `YYYY-MM`, none skipped. */
function monthsBetween(days: readonly string[]): string[] {
  if (days.length === 0) return [];
  const sorted = [...days].sort();
  let [year, month] = sorted[0].split('-').map(Number);
  const last = sorted[sorted.length - 1].slice(0, 7);
  const months: string[] = [];
  for (;;) {
    const name = `${year}-${String(month).padStart(2, '0')}`;
    months.push(name);
    if (name >= last) return months;
    if (++month > 12) [year, month] = [year + 1, 1];
  }
}

/** The staff report over the span: `open` and `overdue` as they stand at `now`, every other count the steps reached on its days. */
export function requestReport(input: RequestReportInput, now: Date): RequestReport {
  const days = input.days.filter((d) => within(d.day, input.from, input.to));
  const open = input.open.filter((r) => within(r.receivedDay, input.from, input.to));
  const passed = (due: string) => Date.parse(due) <= now.getTime();
  const overdue = (r: OpenRequestInput) => r.dues.some((d) => passed(d.due));

  const total = new Sums();
  const byCategory = new Sums();
  const byAgency = new Sums();
  const byMonth = new Sums();
  for (const d of days) {
    total.add('', d.total);
    byMonth.add(d.day.slice(0, 7), d.total);
    for (const c of d.categories) byCategory.add(c.category, c.counts);
    for (const a of d.agencies) byAgency.add(a.agencyId, a.counts);
  }
  const names = new Map(input.agencies.map((a) => [a.agencyId, a.name]));
  const agencyIds = listed(input.agencies.map((a) => a.agencyId), [...byAgency.keys(), ...open.flatMap((r) => (r.agencyId === null ? [] : [r.agencyId]))]);
  const categories = listed(input.categories, [...byCategory.keys(), ...open.map((r) => r.category)]);
  const months = monthsBetween([...days.map((d) => d.day), ...open.map((r) => r.receivedDay)]);

  return {
    from: input.from,
    to: input.to,
    agencies: agencyIds.map((agencyId) => {
      const its = open.filter((r) => r.agencyId === agencyId);
      // An agency's overdue requests: those waiting on a deadline of its own that has passed.
      const late = (r: OpenRequestInput) => r.dues.some((d) => d.agencyId === agencyId && passed(d.due));
      return { agencyId, name: names.get(agencyId) ?? null, ...figures(byAgency.of(agencyId), its, late) };
    }),
    categories: categories.map((category) => ({ category, ...figures(byCategory.of(category), open.filter((r) => r.category === category), overdue) })),
    months: months.map((month) => ({ month, ...figures(byMonth.of(month), open.filter((r) => r.receivedDay.startsWith(`${month}-`)), overdue) })),
    total: figures(total.of(''), open, overdue),
  };
}

const publicFigures = (c: RequestCountsInput): PublicRequestFigures => ({
  received: c.received, resolved: c.resolved,
  resolvedOnTimeRate: rateFigure(c.resolvedOnTime, c.resolveSettled), satisfactionRate: rateFigure(c.satisfied, c.ratingSettled),
});

/** The public totals of a year's requests (all years when null): per category and in all; no agency, no text, no enterprise. */
export function publicRequests(year: number | null, categories: readonly string[], days: readonly RequestDayInput[]): PublicRequests {
  const inYear = year === null ? days : days.filter((d) => d.day.startsWith(`${String(year).padStart(4, '0')}-`));
  const total = new Sums();
  const byCategory = new Sums();
  for (const d of inYear) {
    total.add('', d.total);
    for (const c of d.categories) byCategory.add(c.category, c.counts);
  }
  return {
    year,
    categories: listed(categories, byCategory.keys()).map((category) => ({ category, ...publicFigures(byCategory.of(category)) })),
    total: publicFigures(total.of('')),
  };
}
