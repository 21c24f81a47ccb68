/**
 * The figures behind one campaign: who responds, which agencies each respondent rates, and the
 * final level of every evaluation. Levels are drawn from per-agency probabilities, calibrated
 * so the year's expected rate is its headline, then just enough evaluations are flipped between
 * 'satisfied' and 'basically_satisfied' to make the satisfied count exact.
 */
import { AGENCY_SPECS, BOOST_FACTOR, type AgencySpec } from './agencies.data';
import type { DemoEnterprise } from './demo-types';
import { INDUSTRIES } from './enterprise.data';
import { cumulative, intBelow, pickIndex, type Rng } from './prng';

export interface YearSpec {
  /** Share of the enterprises that respond (1 = all). */
  responseShare: number;
  /** The headline: percent of current evaluations in the top two levels. */
  satisfiedPercent: number;
  agencyRate: (agency: AgencySpec) => number;
  /**
   * Bad reviews whose case ends in an upheld appeal: the centre invalidates them before the
   * results are published, so the headline counts the evaluations without them.
   */
  upheldAppeals: number;
}

/** Flat, typed arrays: evaluations of respondent r are agencies/levels[offsets[r] .. offsets[r+1]). */
export interface CampaignDraw {
  respondents: Int32Array;
  offsets: Int32Array;
  agencies: Uint8Array;
  /** Index into LEVEL_IDS (0 = very_satisfied). */
  levels: Uint8Array;
  /** Indices of the (negative) evaluations an upheld appeal will invalidate. */
  upheld: Set<number>;
}

/** How many agencies a respondent rates: 2..9, mean about 5. */
const AGENCY_COUNT_CUM = cumulative([10, 15, 18, 20, 15, 11, 7, 4]);
const MIN_AGENCIES = 2;
const MAX_AGENCIES = MIN_AGENCIES + AGENCY_COUNT_CUM.length - 1;
/** How the not-satisfied split: basically satisfied, dissatisfied, very dissatisfied. */
const BASIC_SHARE = 0.64;
const DISSATISFIED_SHARE = 0.25;

const AGENCY_CUM_BY_SECTION = new Map(
  INDUSTRIES.map(({ section }) => [
    section,
    cumulative(AGENCY_SPECS.map((a) => a.weight * (a.boost?.includes(section) ? BOOST_FACTOR : 1))),
  ]),
);

export function drawCampaign(rng: Rng, enterprises: readonly DemoEnterprise[], year: YearSpec): CampaignDraw {
  const respondents: number[] = [];
  for (let i = 0; i < enterprises.length; i++) {
    if (year.responseShare >= 1 || rng() < year.responseShare) respondents.push(i);
  }
  const offsets = new Int32Array(respondents.length + 1);
  const agencies = new Uint8Array(respondents.length * MAX_AGENCIES);
  let n = 0;
  respondents.forEach((e, r) => {
    const cum = AGENCY_CUM_BY_SECTION.get(enterprises[e].industry)!;
    const k = MIN_AGENCIES + pickIndex(rng, AGENCY_COUNT_CUM);
    const start = n;
    while (n - start < k) {
      const a = pickIndex(rng, cum);
      let j = start;
      while (j < n && agencies[j] !== a) j++;
      if (j === n) agencies[n++] = a;
    }
    offsets[r + 1] = n;
  });
  const draw = { respondents: Int32Array.from(respondents), offsets, agencies: agencies.slice(0, n), levels: new Uint8Array(n), upheld: new Set<number>() };
  drawLevels(rng, draw, year);
  draw.upheld = pickUpheld(rng, draw.levels, year.upheldAppeals);
  // The invalidated evaluations leave the figures: the rate is exact over the ones that stay.
  flipToExactCount(rng, draw.levels, Math.round((year.satisfiedPercent * (n - draw.upheld.size)) / 100));
  return draw;
}

/** `count` evaluations drawn among the bad reviews (levels 3 and 4, which the flip below never touches). */
function pickUpheld(rng: Rng, levels: Uint8Array, count: number): Set<number> {
  const bad: number[] = [];
  for (let i = 0; i < levels.length; i++) if (levels[i] >= 3) bad.push(i);
  const picked = new Set<number>();
  while (picked.size < Math.min(count, bad.length)) picked.add(bad[intBelow(rng, bad.length)]);
  return picked;
}

function drawLevels(rng: Rng, draw: CampaignDraw, year: YearSpec): void {
  const counts = new Float64Array(AGENCY_SPECS.length);
  for (const a of draw.agencies) counts[a]++;
  const p = calibrate(AGENCY_SPECS.map((a) => year.agencyRate(a) / 100), counts, year.satisfiedPercent / 100);
  draw.agencies.forEach((a, i) => {
    if (rng() < p[a]) draw.levels[i] = rng() < 0.1 + 0.5 * p[a] ? 0 : 1;
    else {
      const u = rng();
      draw.levels[i] = u < BASIC_SHARE ? 2 : u < BASIC_SHARE + DISSATISFIED_SHARE ? 3 : 4;
    }
  });
}

/**
 * Shifts every agency's rate by the same amount in log-odds, so that the spread between agencies
 * keeps its shape while the rate expected over these evaluations equals the target.
 */
export function calibrate(rates: readonly number[], counts: Float64Array, target: number): number[] {
  const logits = rates.map((r) => Math.log(r / (1 - r)));
  const total = counts.reduce((s, c) => s + c, 0);
  const at = (shift: number) => logits.map((l) => 1 / (1 + Math.exp(-(l + shift))));
  let lo = -4;
  let hi = 4;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    const expected = at(mid).reduce((s, p, a) => s + p * counts[a], 0) / total;
    if (expected < target) lo = mid;
    else hi = mid;
  }
  return at((lo + hi) / 2);
}

/** Moves randomly chosen evaluations across the satisfied boundary until exactly `target` are satisfied. */
function flipToExactCount(rng: Rng, levels: Uint8Array, target: number): void {
  const satisfied = levels.reduce((s, l) => s + (l <= 1 ? 1 : 0), 0);
  const [from, to] = satisfied < target ? [2, 1] : [1, 2];
  const needed = Math.abs(target - satisfied);
  const candidates: number[] = [];
  for (let i = 0; i < levels.length; i++) if (levels[i] === from) candidates.push(i);
  if (candidates.length < needed) throw new Error('demo: too few evaluations to reach the target rate');
  for (let k = 0; k < needed; k++) {
    const j = k + intBelow(rng, candidates.length - k);
    [candidates[k], candidates[j]] = [candidates[j], candidates[k]];
    levels[candidates[k]] = to;
  }
}
