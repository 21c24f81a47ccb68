/**
 * Is a change between two campaigns more than noise? Two-sided two-proportion z-test with
 * the pooled proportion (DESIGN "Statistics"); side 1 is the current campaign, side 0 the
 * previous one, so a positive z or points means an improvement.
 */
import { erfc } from './normal';
import { assertCounts, pointsChange } from './rates';
import { round4 } from './rounding';

export interface ZTest {
  z: number;
  pValue: number;
}

/** The change a report shows: points to one decimal, pValue to four. */
export interface Change {
  points: number;
  pValue: number;
  significant: boolean;
}

/**
 * z = (p1 − p0) / √(p(1−p)(1/n1 + 1/n0)) with p = (s1 + s0)/(n1 + n0); pValue = P(|Z| >= |z|).
 * null when a side has no evaluations (no rate to compare, which is not "no change");
 * when everyone (or no one) is satisfied on both sides, the variance is 0: z 0, pValue 1.
 */
export function twoProportionZTest(s1: number, n1: number, s0: number, n0: number): ZTest | null {
  assertCounts(s1, n1);
  assertCounts(s0, n0);
  if (n1 === 0 || n0 === 0) return null;
  const successes = s1 + s0;
  const n = n1 + n0;
  if (successes === 0 || successes === n) return { z: 0, pValue: 1 };
  const pooled = successes / n;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  // s1·n0 − s0·n1 is an exact integer (while counts stay below 2^26 each), so equal rates give z = 0
  // exactly instead of the noise of s1/n1 − s0/n0.
  const z = (s1 * n0 - s0 * n1) / (n1 * n0) / se;
  // 2·(1 − Φ(|z|)) = erfc(|z|/√2), without the cancellation of 1 − Φ; 0 once it underflows.
  return { z, pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) };
}

/** Points and significance between two campaigns; null when either side has n = 0. */
export function change(s1: number, n1: number, s0: number, n0: number): Change | null {
  const points = pointsChange(s1, n1, s0, n0);
  const test = twoProportionZTest(s1, n1, s0, n0);
  if (points === null || test === null) return null;
  // Decided on the unrounded p: 0.04996 shows as 0.05 yet is significant.
  return { points, pValue: round4(test.pValue), significant: test.pValue < 0.05 };
}
