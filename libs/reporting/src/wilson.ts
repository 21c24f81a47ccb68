/**
 * The 95% Wilson score interval that goes with every rate (DESIGN "Statistics"), and the
 * `{ rate, low, high, n }` figure the reports show. Unlike p ± z·√(p(1−p)/n) it stays inside
 * [0, 1] and is not zero-width at 0 of n or n of n, which small agencies and segments hit.
 * It treats evaluations as independent; one enterprise rates several agencies, so the overall
 * interval is somewhat too narrow.
 */
import { percent, assertCounts } from './rates';
import { round1 } from './rounding';

export interface Interval {
  low: number;
  high: number;
}

/** A rate in percent with its 95% Wilson bounds in percent; all null when n = 0. */
export interface RateFigure {
  rate: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

/**
 * Wilson bounds as fractions in [0, 1]:
 * centre (p + z²/2n)/(1 + z²/n), half-width z·√(p(1−p)/n + z²/4n²)/(1 + z²/n).
 */
export function wilson(successes: number, n: number, z = 1.96): Interval {
  assertCounts(successes, n);
  if (n === 0) throw new RangeError('wilson: n must be positive');
  if (!(z > 0 && Number.isFinite(z))) throw new RangeError(`wilson: z must be positive, got ${z}`);
  const p = successes / n;
  const z2 = z * z;
  const scale = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / scale;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / scale;
  // At 0 of n (n of n) the bound is exactly 0 (1); the float subtraction may miss by 1e-17.
  return {
    low: successes === 0 ? 0 : centre - half,
    high: successes === n ? 1 : centre + half,
  };
}

/** The figure a report shows: exact rate via percent(), bounds round1(100 × Wilson bound). */
export function rateFigure(successes: number, n: number): RateFigure {
  assertCounts(successes, n);
  if (n === 0) return { rate: null, low: null, high: null, n };
  const { low, high } = wilson(successes, n);
  return { rate: percent(successes, n), low: round1(100 * low), high: round1(100 * high), n };
}
