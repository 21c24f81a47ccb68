import { erfc, normalCdf } from './normal';

// Reference values computed with mpmath at 30 significant digits, shown here rounded to 15.
describe('normalCdf Φ', () => {
  it.each([
    [0, 0.5],
    [1, 0.841344746068543],
    [1.96, 0.9750021048517796], // the 1.96 of every 95% interval
    [-1.96, 0.0249978951482204],
    [-3, 0.0013498980316301],
  ])('Φ(%s) = %s to 1e-15', (x, expected) => {
    expect(Math.abs(normalCdf(x) - expected)).toBeLessThan(1e-15);
  });

  it.each([
    [-10, 7.61985302416053e-24],
    [-20, 2.75362411860623e-89],
  ])('keeps relative accuracy in the far left tail: Φ(%s) = %s', (x, expected) => {
    expect(Math.abs(normalCdf(x) / expected - 1)).toBeLessThan(1e-13);
  });

  it('goes to 0 and 1 at the ends without NaN', () => {
    expect(normalCdf(-40)).toBe(0); // 3.7e-350 underflows
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(NaN)).toBeNaN();
  });

  it('is symmetric: Φ(x) + Φ(−x) = 1', () => {
    for (const x of [0.1, 0.46875, 0.7, 2.5, 4, 5.5]) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
  });
});

describe('erfc, on each of Cody’s intervals', () => {
  it.each([
    [0.3, 0.671373240540873], // |x| <= 0.46875
    [0.5, 0.479500122186953], // 0.46875 < x <= 4
    [1, 0.157299207050285],
    [3, 2.20904969985854e-5],
    [5, 1.53745979442803e-12], // x > 4: asymptotic form
    [10, 2.08848758376254e-45],
  ])('erfc(%s) = %s (relative 1e-13)', (x, expected) => {
    expect(Math.abs(erfc(x) / expected - 1)).toBeLessThan(1e-13);
  });

  it('is 2 − erfc(−x) for negative x', () => {
    expect(erfc(-1)).toBeCloseTo(2 - 0.157299207050285, 15);
    expect(erfc(-0.3)).toBeCloseTo(2 - 0.671373240540873, 15);
    expect(erfc(-30)).toBe(2);
  });

  it('is exactly 1 at 0 and 0 past the underflow point', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(27)).toBe(0);
  });
});
