/**
 * Figures computed exactly from counts (DESIGN "Statistics"): the satisfaction rate in percent,
 * the change in points between two rates, and the mean score. Integer arithmetic only, so
 * that 82.0 means 82.0 however many evaluations there are.
 */
import { round1, roundRatio } from './rounding';

/** Rate as a percentage with one decimal, half away from zero from the exact fraction; null for 0/0. */
export function percent(numerator: number, denominator: number): number | null {
  assertInteger('numerator', numerator);
  assertInteger('denominator', denominator);
  if (denominator === 0) return null;
  return roundRatio(100n * BigInt(numerator), BigInt(denominator), 1);
}

/**
 * (s1/n1 − s0/n0) × 100 to one decimal, half away from zero, from the exact difference
 * (s1·n0 − s0·n1) / (n1·n0): rounding the two rates first could be off by 0.1.
 * Positive when the current side (1) is higher. null when either side has no evaluations.
 */
export function pointsChange(s1: number, n1: number, s0: number, n0: number): number | null {
  assertCounts(s1, n1);
  assertCounts(s0, n0);
  if (n1 === 0 || n0 === 0) return null;
  const [a1, b1, a0, b0] = [s1, n1, s0, n0].map(BigInt);
  return roundRatio(100n * (a1 * b0 - a0 * b1), b1 * b0, 1);
}

/**
 * Average level score to one decimal; null when n = 0. Integer score sums (the default scale)
 * are rounded exactly; a fractional sum (a custom scale with e.g. 87.5) falls back to round1.
 */
export function meanScore(scoreSum: number, n: number): number | null {
  assertInteger('n', n);
  if (n < 0) throw new RangeError(`n must not be negative, got ${n}`);
  if (n === 0) return null;
  if (Number.isSafeInteger(scoreSum)) return roundRatio(BigInt(scoreSum), BigInt(n), 1);
  return round1(scoreSum / n);
}

/**
 * Counts must be whole and consistent: a fractional or negative count is a bug upstream
 * (a projection that went wrong), and a wrong published figure is worse than an error.
 */
export function assertCounts(successes: number, n: number): void {
  assertInteger('successes', successes);
  assertInteger('n', n);
  if (n < 0 || successes < 0 || successes > n) {
    throw new RangeError(`counts must satisfy 0 <= successes <= n, got ${successes} of ${n}`);
  }
}

function assertInteger(name: string, value: number): void {
  // Safe integers only: beyond 2^53 the number is not the count that was meant.
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a safe integer, got ${value}`);
}
