/**
 * The complementary error function and the standard normal CDF, for the p-values of
 * two-proportion tests. W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev
 * approximation for the error function", Math. Comp. 23 (1969) 631–637; Netlib SPECFUN
 * CALERF), relative error below ~1e-16 on each interval, tails included, where 1 − Φ(x)
 * written as 1 − (something near 1) would have no correct digit at all.
 */

/* eslint-disable no-loss-of-precision -- the coefficients as SPECFUN publishes them, digit for digit, so they can be checked against it; a double keeps what it can */
// erf(x) = x·A(x²)/B(x²) for |x| <= 0.46875.
const A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
// erfc(x) = exp(−x²)·C(x)/D(x) for 0.46875 < x <= 4.
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131,
  881.95222124176909, 1712.04761263407058, 2051.07837782607147, 1230.33935479799725,
  2.15311535474403846e-8,
];
const D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019,
  3290.79923573345963, 4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
// erfc(x) = exp(−x²)/x·(1/√π + P(1/x²)/(x²·Q(1/x²))) for x > 4 (asymptotic form).
const P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766,
  6.58749161529837803e-4, 0.0163153871373020978,
];
const Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];

const INV_SQRT_PI = 0.56418958354775628695;
const SMALL = 0.46875;
// From here erfc(x) <= 2.3e-308, the bottom of the normal doubles (Cody's XBIG); answering 0
// there also keeps x = ∞ away from ∞ − ∞ = NaN in expMinusSquare.
const UNDERFLOW = 26.543;

/** Horner evaluation in Cody's layout: the last coefficient is the leading one. */
function ratio(num: number[], den: number[], t: number): number {
  const k = den.length - 1;
  let xn = num[k + 1] * t;
  let xd = t;
  for (let i = 0; i < k; i++) {
    xn = (xn + num[i]) * t;
    xd = (xd + den[i]) * t;
  }
  return (xn + num[k]) / (xd + den[k]);
}

/**
 * exp(−y²) without the rounding error of squaring y: y = h + r with h a multiple of 1/16,
 * so h² is exact and y² − h² = (y − h)(y + h) is small (Cody's device).
 */
function expMinusSquare(y: number): number {
  const h = Math.trunc(y * 16) / 16;
  return Math.exp(-h * h) * Math.exp(-(y - h) * (y + h));
}

/** erfc(x) = 1 − erf(x) for every real x; 0 when it underflows, 2 in the far left tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= SMALL) return 1 - x * ratio(A, B, y * y);
  let upper: number; // erfc(y), y > 0.46875
  if (y >= UNDERFLOW) upper = 0;
  else if (y <= 4) upper = expMinusSquare(y) * ratio(C, D, y);
  else {
    const t = 1 / (y * y);
    upper = (expMinusSquare(y) * (INV_SQRT_PI - t * ratio(P, Q, t))) / y;
  }
  return x < 0 ? 2 - upper : upper;
}

/** Φ(x), the standard normal CDF: ½·erfc(−x/√2), accurate in both tails. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}
