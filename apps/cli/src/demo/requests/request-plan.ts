/**
 * The demo's enterprises' requests of 2019 (解决企业诉求近500件), drawn purely from the seed: who
 * files each (the enterprise online, or the centre on its behalf from the 12345 hotline, a window, a
 * call or online), on which day, in which category, to which agencies the centre dispatches it, and
 * how its people behave (./request-behaviour.ts plays that turn by turn). Most are resolved on time
 * and rated satisfied; some are returned and dispatched again, some get an extension asked (granted
 * or refused), some are reopened by a negative rating and a few escalated by a second one, a few
 * withdrawn, some never rated (the scheduler closes them `not-rated`), a few resolved late.
 *
 * Every wait is counted in turns of the demo's timeline (one a day at 09:00 in Xuzhou): staff's in
 * working-day turns after the step they answer, the enterprise's in natural days. A deadline of n
 * working days ends at 24:00 of the n-th working day after the step's day, so a step taken at the
 * n-th working-day turn after it is on time and one at the (n+1)-th is late: whether a deadline is
 * met follows from the plan alone (`tallyRequests`), whatever the calendar.
 */
import { DEFAULT_REQUEST_POLICY, resolveDaysFor } from '@survey/domain';
import type { RequestChannel } from '@survey/domain';
import type { DemoAgency, DemoEnterprise, LevelId } from '../demo-types';
import { cumulative, intBelow, pickIndex, Rng, streamRng } from '../prng';
import { CATEGORY_SPECS } from './request-texts.data';

/** "近500件": nearly five hundred. */
export const DEMO_REQUESTS = 496;
export const REQUEST_YEAR = 2019;

export type RequestFiler = { by: 'enterprise' } | { by: 'centre'; channel: RequestChannel };

export interface RequestRating {
  level: LevelId;
  /** Natural-day turns after the answer (1–5: within the seven days to rate). */
  afterDays: number;
}

export interface RequestBehaviour {
  /** Working-day turns after the filing before the centre dispatches: 1 on time, 2 late. */
  dispatchWait: number;
  /** The first agency returns it at its first working-day turn; the centre dispatches it to `agencies[1]` the next. */
  returned: boolean;
  /** Working-day turns after the (last) dispatch before the agency accepts: 1 on time, 2 late. */
  acceptWait: number;
  /** Asked at that working-day turn after the dispatch, before the deadline; the centre decides the next working day. */
  extension: { afterDays: number; workingDays: number; granted: boolean } | null;
  /** Working-day turns after the (last) dispatch before the agency resolves it; null: withdrawn before. */
  resolveAfter: number | null;
  /** Working-day turns after the (last) dispatch when the enterprise withdraws it, once accepted and never resolved; or null. */
  withdrawAfter: number | null;
  /** The enterprise's rating of the first answer, or null: never rated, closed `not-rated`. A negative one reopens it. */
  rating: RequestRating | null;
  /** After a reopening: working-day turns before the second answer, and its rating (a negative one escalates it). */
  second: { resolveAfter: number; rating: RequestRating | null } | null;
}

export interface PlannedRequest {
  /** Its place in the plan; the Idempotency-Key it is filed under is `idempotencyKey(n)`. */
  n: number;
  /** The local day (Asia/Shanghai, `YYYY-MM-DD`) it is filed; the centre files at the first working-day turn from it. */
  filedOn: string;
  creditCode: string;
  filer: RequestFiler;
  category: string;
  title: string;
  description: string;
  /** The agency the filer named, if any (the centre still dispatches). */
  suggestedAgencyId: string | null;
  /** The agency dispatched to first, and the one after a return. */
  agencies: [string, string];
  behaviour: RequestBehaviour;
}

export const idempotencyKey = (n: number) => `demo-${REQUEST_YEAR}-request-${n}`;

const NEGATIVE: readonly LevelId[] = ['dissatisfied', 'very_dissatisfied'];
export const isNegative = (level: LevelId) => NEGATIVE.includes(level);

const CENTRE_FILES = 0.65;
const CHANNELS: readonly [RequestChannel, number][] = [['12345', 45], ['phone', 25], ['window', 22], ['online', 8]];
const SUGGESTS_AGENCY = 0.3;
const WEEKEND_WEIGHT = 0.25;
const LATE_DISPATCH = 0.02;
const RETURNED = 0.06;
const LATE_ACCEPT = 0.03;
const WITHDRAWN = 0.02;
const EXTENSION = 0.08;
const EXTENSION_GRANTED = 0.75;
const LATE_RESOLVE = 0.03;
const NOT_RATED = 0.1;
const NEGATIVE_FIRST = 0.07;
const BASICALLY_FIRST = 0.06;
const NOT_RATED_SECOND = 0.08;
const NEGATIVE_SECOND = 0.3;

/** The requests of the year, in filing order, by the demo's enterprises and to the demo's agencies. */
export function buildRequestPlan(seed: number, enterprises: readonly DemoEnterprise[], agencies: readonly DemoAgency[], count = DEMO_REQUESTS): PlannedRequest[] {
  const known = new Set(agencies.map((a) => a.id));
  const specs = CATEGORY_SPECS.map((s) => ({ ...s, agencies: s.agencies.filter((a) => known.has(a)) })).filter((s) => s.agencies.length >= 2);
  const categories = cumulative(specs.map((s) => s.weight));
  const channels = cumulative(CHANNELS.map(([, w]) => w));
  const days = daysOf(REQUEST_YEAR);
  const dayWeights = cumulative(days.map((d) => (isWeekend(d) ? WEEKEND_WEIGHT : 1)));
  const rng = streamRng(seed, `requests-${REQUEST_YEAR}`);
  const drawn = Array.from({ length: count }, () => {
    const day = days[pickIndex(rng, dayWeights)];
    const enterprise = enterprises[intBelow(rng, enterprises.length)];
    const spec = specs[pickIndex(rng, categories)];
    const first = intBelow(rng, spec.agencies.length);
    const second = (first + 1 + intBelow(rng, spec.agencies.length - 1)) % spec.agencies.length;
    const filer: RequestFiler = rng() < CENTRE_FILES ? { by: 'centre', channel: CHANNELS[pickIndex(rng, channels)][0] } : { by: 'enterprise' };
    const [title, said] = spec.texts[intBelow(rng, spec.texts.length)];
    return {
      filedOn: day, creditCode: enterprise.creditCode, filer, category: spec.category, title,
      description: `${enterprise.name}反映：${said}`,
      suggestedAgencyId: rng() < SUGGESTS_AGENCY ? spec.agencies[first] : null,
      agencies: [spec.agencies[first], spec.agencies[second]] as [string, string],
    };
  });
  // Stable: the same day keeps the drawing order.
  const ordered = drawn.map((r, i) => ({ r, i })).sort((a, b) => (a.r.filedOn < b.r.filedOn ? -1 : a.r.filedOn > b.r.filedOn ? 1 : a.i - b.i));
  return ordered.map(({ r }, n) => ({ n, ...r, behaviour: requestBehaviour(streamRng(seed, `request-${REQUEST_YEAR}-${n}`), r.category) }));
}

/** How one request goes; the waits keep every step in order (each a turn after the one it answers). */
export function requestBehaviour(rng: Rng, category: string): RequestBehaviour {
  const days = resolveDaysFor(DEFAULT_REQUEST_POLICY, category);
  const dispatchWait = rng() < LATE_DISPATCH ? 2 : 1;
  const withdrawn = rng() < WITHDRAWN;
  const returned = !withdrawn && rng() < RETURNED;
  const acceptWait = rng() < LATE_ACCEPT ? 2 : 1;
  if (withdrawn) {
    // Once accepted, well before the answer's deadline (five working days after the dispatch at the least).
    return { dispatchWait, returned, acceptWait, extension: null, resolveAfter: null, withdrawAfter: acceptWait + 1 + intBelow(rng, 2), rating: null, second: null };
  }
  let extension: RequestBehaviour['extension'] = null;
  let resolveAfter: number;
  if (rng() < EXTENSION) {
    // Asked after accepting and before the deadline's day ends; decided the next working day, which is still before it.
    const afterDays = acceptWait + 1 + intBelow(rng, days - acceptWait - 1);
    const workingDays = 5 + intBelow(rng, 11);
    const granted = rng() < EXTENSION_GRANTED;
    extension = { afterDays, workingDays, granted };
    // Granted: answered in the extra days; refused: answered a few days late.
    resolveAfter = days + 1 + intBelow(rng, granted ? workingDays : 3);
  } else if (rng() < LATE_RESOLVE) {
    resolveAfter = days + 1 + intBelow(rng, 4);
  } else {
    resolveAfter = acceptWait + 1 + intBelow(rng, days - acceptWait);
  }
  const rating = drawRating(rng, NOT_RATED, NEGATIVE_FIRST, BASICALLY_FIRST);
  const second = rating && isNegative(rating.level) ? { resolveAfter: 1 + intBelow(rng, days), rating: drawRating(rng, NOT_RATED_SECOND, NEGATIVE_SECOND, 0.15) } : null;
  return { dispatchWait, returned, acceptWait, extension, resolveAfter, withdrawAfter: null, rating, second };
}

function drawRating(rng: Rng, notRated: number, negative: number, basically: number): RequestRating | null {
  if (rng() < notRated) return null;
  const afterDays = 1 + intBelow(rng, 5);
  const x = rng();
  if (x < negative) return { level: rng() < 0.7 ? 'dissatisfied' : 'very_dissatisfied', afterDays };
  if (x < negative + basically) return { level: 'basically_satisfied', afterDays };
  return { level: rng() < 0.5 ? 'very_satisfied' : 'satisfied', afterDays };
}

/** Every local day of the year, `YYYY-MM-DD`. */
function daysOf(year: number): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
