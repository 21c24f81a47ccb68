import { meanScore, percent, pointsChange } from './rates';

describe('percent: rate in percent, one decimal, half away from zero from the exact fraction', () => {
  it.each([
    [41, 50, 82], // 0.82 exactly
    [1, 3, 33.3], // 33.333…
    [2, 3, 66.7], // 66.666…
    [1, 6, 16.7], // 16.666…
    [1, 8, 12.5], // exactly 12.5: nothing to round
    [1, 16, 6.3], // 6.25 is a half → away from zero
    [1, 1600, 0.1], // 0.0625 → 0.1
    [1, 2000, 0.1], // 0.05 exactly → 0.1
    [1, 2001, 0], // 0.04997… → 0.0
    [0, 7, 0],
    [7, 7, 100],
    [247723, 302101, 82], // the DESIGN headline: 82.00006…%
  ])('%s of %s = %s', (num, den, expected) => {
    expect(percent(num, den)).toBe(expected);
  });

  it('is null when there is nothing to divide by', () => {
    expect(percent(0, 0)).toBeNull();
  });

  it('refuses counts that are not whole numbers', () => {
    expect(() => percent(1.5, 3)).toThrow(RangeError);
    expect(() => percent(1, 2 ** 53)).toThrow(RangeError);
  });
});

describe('pointsChange: difference of exact rates × 100', () => {
  it('is 12.0 points for 82.0% against 70.0% at the DESIGN scale', () => {
    expect(pointsChange(247723, 302101, 196000, 280000)).toBe(12);
  });

  it('rounds the exact difference, not the difference of rounded rates', () => {
    // 3/40 = 7.5% against 1/16 = 6.25% (shown 6.3): exact difference 1.25 → 1.3,
    // while subtracting the shown rates would give 7.5 − 6.3 = 1.2.
    expect(pointsChange(3, 40, 1, 16)).toBe(1.3);
  });

  it('is negative when the rate went down, rounding away from zero', () => {
    expect(pointsChange(1, 16, 1, 8)).toBe(-6.3); // −6.25
    expect(pointsChange(70, 100, 82, 100)).toBe(-12);
  });

  it('is null when either side has no evaluations, not 0', () => {
    expect(pointsChange(0, 0, 5, 10)).toBeNull();
    expect(pointsChange(5, 10, 0, 0)).toBeNull();
  });

  it('refuses more successes than evaluations', () => {
    expect(() => pointsChange(11, 10, 5, 10)).toThrow(RangeError);
    expect(() => pointsChange(5, 10, -1, 10)).toThrow(RangeError);
  });
});

describe('meanScore', () => {
  it.each([
    [175, 2, 87.5], // 100 + 75
    [250, 3, 83.3], // 83.333…
    [25, 4, 6.3], // 6.25 is a half → away from zero
    [262.5, 3, 87.5], // a fractional sum (custom scale) goes through round1
  ])('%s over %s = %s', (sum, n, expected) => {
    expect(meanScore(sum, n)).toBe(expected);
  });

  it('is null for no evaluations', () => {
    expect(meanScore(0, 0)).toBeNull();
  });
});
