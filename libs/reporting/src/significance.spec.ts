import { change, twoProportionZTest } from './significance';

describe('twoProportionZTest (two-sided, pooled)', () => {
  it('82/100 against 70/100, worked by hand', () => {
    // pooled p = 152/200 = 0.76; se = √(0.76·0.24·(1/100 + 1/100)) = √0.003648 = 0.0603987;
    // z = 0.12/0.0603987 = 1.98680; p = 2·(1 − Φ(1.98680)) = 2·0.0234724 = 0.0469447.
    const test = twoProportionZTest(82, 100, 70, 100)!;
    expect(test.z).toBeCloseTo(1.9867985, 6);
    expect(test.pValue).toBeCloseTo(0.0469447, 7);
  });

  it('is antisymmetric in the sides: z changes sign, pValue does not', () => {
    const test = twoProportionZTest(70, 100, 82, 100)!;
    expect(test.z).toBeCloseTo(-1.9867985, 6);
    expect(test.pValue).toBeCloseTo(0.0469447, 7);
  });

  it('52/100 against 50/100 is noise', () => {
    // pooled 0.51; se = √(0.51·0.49·0.02) = 0.0706965; z = 0.02/0.0706965 = 0.282899; p = 0.777254.
    const test = twoProportionZTest(52, 100, 50, 100)!;
    expect(test.z).toBeCloseTo(0.282899, 6);
    expect(test.pValue).toBeCloseTo(0.777254, 6);
  });

  it('gives z = 0 and pValue = 1 for equal rates', () => {
    expect(twoProportionZTest(1, 3, 2, 6)).toEqual({ z: 0, pValue: 1 });
  });

  it('gives pValue 1 when the pooled proportion is 0 or 1 (no variance)', () => {
    expect(twoProportionZTest(0, 10, 0, 20)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(10, 10, 20, 20)).toEqual({ z: 0, pValue: 1 });
  });

  it('is null when a side has no evaluations', () => {
    expect(twoProportionZTest(0, 0, 5, 10)).toBeNull();
    expect(twoProportionZTest(5, 10, 0, 0)).toBeNull();
  });
});

describe('change (what a report shows)', () => {
  it('82/100 against 70/100: +12.0 points, p 0.0469, significant', () => {
    expect(change(82, 100, 70, 100)).toEqual({ points: 12, pValue: 0.0469, significant: true });
  });

  it('the DESIGN headline: 82.0% of 302101 against 70.0% of 280000', () => {
    // z ≈ 107.5; the exact p ≈ 2e-2510 underflows to 0.
    expect(change(247723, 302101, 196000, 280000)).toEqual({ points: 12, pValue: 0, significant: true });
  });

  it('a tiny but real p shows as 0 and is still significant', () => {
    // 8208/9000 against 7929/9000: z = 6.8269, p = 8.7e-12.
    expect(change(8208, 9000, 7929, 9000)).toEqual({ points: 3.1, pValue: 0, significant: true });
  });

  it('decides significance on the unrounded p: both of these show pValue 0.05', () => {
    // 23/43 against 14/43: pooled 37/86, se = √(37/86 · 49/86 · 2/43) = 0.106777,
    // z = (9/43)/0.106777 = 1.96017 > 1.95996, p = 0.049976 → significant.
    expect(change(23, 43, 14, 43)).toEqual({ points: 20.9, pValue: 0.05, significant: true });
    // 6/50 against 1/50: pooled 0.07, se = √(0.07 · 0.93 · 0.04) = 0.051029,
    // z = 0.1/0.051029 = 1.95965 < 1.95996, p = 0.050036 → not significant.
    expect(change(6, 50, 1, 50)).toEqual({ points: 10, pValue: 0.05, significant: false });
  });

  it('is null, not 0, when either side has no evaluations', () => {
    expect(change(0, 0, 70, 100)).toBeNull();
    expect(change(82, 100, 0, 0)).toBeNull();
  });

  it('is pValue 1, not significant, when everyone was satisfied both times', () => {
    expect(change(10, 10, 20, 20)).toEqual({ points: 0, pValue: 1, significant: false });
  });
});
