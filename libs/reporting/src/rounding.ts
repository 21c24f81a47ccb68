/**
 * Rounding for displayed figures: one decimal (rates, bounds, points, mean score) or four
 * (pValue), always half away from zero, so that a figure can be recomputed by hand.
 * Two entry points because there are two kinds of input: exact fractions of counts
 * (`roundRatio`, BigInt, no float anywhere) and results of float arithmetic (`round1`/`round4`).
 */

/**
 * numerator/denominator rounded half away from zero to `decimals` places, computed exactly.
 * `toFixed` on a float would round the nearest double instead of the fraction: 0.125 survives,
 * but 1/3-style fractions or large counts can land on the wrong side of a half.
 */
export function roundRatio(numerator: bigint, denominator: bigint, decimals: number): number {
  if (denominator === 0n) throw new RangeError('roundRatio: denominator is 0');
  const negative = numerator < 0n !== denominator < 0n;
  const num = (numerator < 0n ? -numerator : numerator) * 10n ** BigInt(decimals);
  const den = denominator < 0n ? -denominator : denominator;
  // floor(num/den + 1/2) on magnitudes = half away from zero once the sign is put back.
  const q = (2n * num + den) / (2n * den);
  // q and 10^decimals are exact doubles, and IEEE division is correctly rounded, so this is
  // the double nearest the decimal q/10^decimals: the same number JSON will print.
  return signed(negative, Number(q) / 10 ** decimals);
}

// String(x) is the shortest decimal that reads back as x (ECMA-262 Number::toString).
const SHORTEST_DECIMAL = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/**
 * x rounded half away from zero to `decimals` places, judged on the shortest decimal that
 * prints as x rather than on the binary value. 0.35 is stored as 0.34999999999999997…, yet
 * everybody (and JSON) reads it as 0.35: (0.35).toFixed(1) gives "0.3", round1(0.35) gives 0.4;
 * Math.round(x * 1e4) / 1e4 turns 0.00015 into 0.0001, round4 gives 0.0002.
 * What this cannot undo is float error made before the call: 1.005 * 100 is
 * 100.49999999999999 in binary64, and that is the value rounded (to 100.5 at one decimal,
 * not to 101 at none). This is why rates and points go through `roundRatio` instead.
 */
function roundDecimal(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const m = SHORTEST_DECIMAL.exec(String(Math.abs(x)));
  if (!m) throw new Error(`unexpected number format: ${x}`);
  const [, whole, fraction = '', exponent = '0'] = m;
  // |x| = digits × 10^(exponent − fraction length); scaled by 10^decimals:
  const digits = BigInt(whole + fraction);
  const shift = decimals + Number(exponent) - fraction.length;
  if (shift >= 0) return x === 0 ? 0 : x; // already no more than `decimals` places
  const unit = 10n ** BigInt(-shift);
  const q = (2n * digits + unit) / (2n * unit);
  return signed(x < 0, Number(q) / 10 ** decimals);
}

/** Half away from zero to one decimal: interval bounds, mean score. */
export function round1(x: number): number {
  return roundDecimal(x, 1);
}

/** Half away from zero to four decimals: pValue. */
export function round4(x: number): number {
  return roundDecimal(x, 4);
}

// Never return -0: -0.04 rounds to 0, and Object.is(-0, 0) is false in tests and comparisons.
function signed(negative: boolean, magnitude: number): number {
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}
