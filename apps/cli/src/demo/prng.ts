/**
 * A tiny seeded PRNG for the demo data: mulberry32 (Tommy Ettinger's 32-bit generator), which
 * is fast, has a full 2^32 period and is plenty for synthetic data. Not for anything secret.
 */
export type Rng = () => number;

// Global lookups are slow inside a vm context (as under jest, ~20x here): take Math's functions once.
const { imul, floor } = Math;

/** Uniform floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An independent stream per purpose (FNV-1a of the name mixed with the seed), so that changing
 * how many numbers one part draws does not reshuffle every other part of the plan.
 */
export function streamRng(seed: number, name: string): Rng {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < name.length; i++) h = imul(h ^ name.charCodeAt(i), 0x01000193);
  return mulberry32(h);
}

export function intBelow(rng: Rng, n: number): number {
  return floor(rng() * n);
}

/** Running totals of `weights`, for `pickIndex`. */
export function cumulative(weights: readonly number[]): Float64Array {
  const cum = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => (cum[i] = total += w));
  return cum;
}

/** An index drawn with probability proportional to its weight (binary search on the totals). */
export function pickIndex(rng: Rng, cum: Float64Array): number {
  const x = rng() * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
