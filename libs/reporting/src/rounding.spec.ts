import { round1, round4, roundRatio } from './rounding';

describe('roundRatio (exact fractions, half away from zero)', () => {
  it.each([
    [1n, 8n, 2, 0.13], // 0.125 exactly → up
    [-1n, 8n, 2, -0.13], // away from zero, not towards +∞
    [1n, -8n, 2, -0.13],
    [1n, 3n, 1, 0.3],
    [2n, 3n, 1, 0.7],
    [-1n, 30n, 1, -0], // −0.0333… → 0, and not −0
    [0n, 7n, 1, 0],
    [123456789n, 1000n, 0, 123457],
  ])('%s/%s to %s places = %s', (num, den, decimals, expected) => {
    expect(roundRatio(num, den, decimals)).toBe(expected === 0 ? 0 : expected);
  });

  it('refuses a zero denominator', () => {
    expect(() => roundRatio(1n, 0n, 1)).toThrow(RangeError);
  });
});

describe('round1 / round4 (floats, judged on the decimal that prints)', () => {
  it.each([
    [0.25, 0.3], // exact half in binary too
    [-0.25, -0.3],
    [0.35, 0.4], // stored as 0.34999999999999997…; toFixed(1) would say 0.3
    [0.15, 0.2],
    [-0.15, -0.2],
    [1.45, 1.5],
    [0.24999, 0.2],
    [73.33246397582, 73.3],
    [88.29986834569, 88.3],
    [99.95, 100],
    [-0.04, 0], // not −0
    [82, 82],
    [1e21, 1e21], // exponent notation with nothing to round
  ])('round1(%s) = %s', (x, expected) => {
    expect(round1(x)).toBe(expected);
  });

  it('rounds the float it is given: 1.005 * 100 is already 100.49999999999999', () => {
    expect(1.005 * 100).toBe(100.49999999999999);
    expect(round1(1.005 * 100)).toBe(100.5);
  });

  it.each([
    [0.04694472697, 0.0469],
    [0.00015, 0.0002], // Math.round(x * 1e4) / 1e4 gives 0.0001 here
    [0.00005, 0.0001],
    [0.000049999, 0],
    [1.5e-7, 0], // exponent notation below 1e-6
    [8.67778e-12, 0],
    [0.77725403273, 0.7773],
    [1, 1],
  ])('round4(%s) = %s', (x, expected) => {
    expect(round4(x)).toBe(expected);
  });

  it('passes NaN and infinities through rather than inventing a figure', () => {
    expect(round1(NaN)).toBeNaN();
    expect(round4(Infinity)).toBe(Infinity);
  });
});
