import { rateFigure, wilson } from './wilson';

// Hand computations use z = 1.96, z² = 3.8416.
describe('wilson (95% score interval, fractions)', () => {
  it('82 of 100', () => {
    // 1 + z²/n = 1.038416; centre = (0.82 + 0.019208)/1.038416 = 0.8081617;
    // half = 1.96·√(0.82·0.18/100 + 3.8416/40000)/1.038416 = 1.96·√0.00157204/1.038416 = 0.0748370.
    const { low, high } = wilson(82, 100);
    expect(low).toBeCloseTo(0.7333246, 7);
    expect(high).toBeCloseTo(0.8829987, 7);
  });

  it('0 of 10 starts at exactly 0 and is not zero-width', () => {
    // centre = half = (z²/2n)/(1 + z²/n) = 0.19208/1.38416 = 0.1387701.
    const { low, high } = wilson(0, 10);
    expect(low).toBe(0);
    expect(high).toBeCloseTo(0.2775402, 7);
  });

  it('10 of 10 ends at exactly 1, mirroring 0 of 10', () => {
    const { low, high } = wilson(10, 10);
    expect(low).toBeCloseTo(1 - 0.2775402, 7);
    expect(high).toBe(1);
  });

  it('50 of 100 is symmetric about one half', () => {
    // centre 0.5; half = 1.96·√(0.0025 + 0.00009604)/1.038416 = 0.0961702.
    const { low, high } = wilson(50, 100);
    expect(low).toBeCloseTo(0.4038298, 7);
    expect(high).toBeCloseTo(0.5961702, 7);
  });

  it('takes another z: z = 1 for 82 of 100', () => {
    // scale 1.01; centre = 0.825/1.01 = 0.8168317; half = √(0.001476 + 0.000025)/1.01 = 0.0383591.
    const { low, high } = wilson(82, 100, 1);
    expect(low).toBeCloseTo(0.7784725, 7);
    expect(high).toBeCloseTo(0.8551908, 7);
  });

  it('refuses n = 0 and impossible counts', () => {
    expect(() => wilson(0, 0)).toThrow(RangeError);
    expect(() => wilson(11, 10)).toThrow(RangeError);
    expect(() => wilson(1, 10, 0)).toThrow(RangeError);
  });
});

describe('rateFigure (what a report shows)', () => {
  it('82 of 100 → 82.0 [73.3, 88.3]', () => {
    expect(rateFigure(82, 100)).toEqual({ rate: 82, low: 73.3, high: 88.3, n: 100 });
  });

  it('0 of 10 and 10 of 10', () => {
    expect(rateFigure(0, 10)).toEqual({ rate: 0, low: 0, high: 27.8, n: 10 });
    expect(rateFigure(10, 10)).toEqual({ rate: 100, low: 72.2, high: 100, n: 10 });
  });

  it('reproduces the DESIGN report: headline and the tax agency', () => {
    // 247723/302101 = 82.00006%: half-width ≈ 1.96·√(0.82·0.18/302101) = 0.00137 → [81.86, 82.14].
    expect(rateFigure(247723, 302101)).toEqual({ rate: 82, low: 81.9, high: 82.1, n: 302101 });
    // 8208/9000 = 91.2%: half-width ≈ 0.00585 around a centre of 0.91182 → [90.60, 91.77].
    expect(rateFigure(8208, 9000)).toEqual({ rate: 91.2, low: 90.6, high: 91.8, n: 9000 });
  });

  it('is all nulls with n = 0, keeping n', () => {
    expect(rateFigure(0, 0)).toEqual({ rate: null, low: null, high: null, n: 0 });
  });
});
