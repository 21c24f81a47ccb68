import { PROJECTION_RETRY, retryDelayMs } from './retry-delay';

describe('retryDelayMs', () => {
  it('doubles from the first delay up to the cap, and stays there', () => {
    const policy = { firstMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 6, 100, 10_000].map((n) => retryDelayMs(n, policy))).toEqual([100, 200, 400, 800, 1000, 1000, 1000, 1000]);
  });

  it('waits 1 s after a first failure and at most a minute by default', () => {
    expect(retryDelayMs(1)).toBe(1000);
    expect(retryDelayMs(7)).toBe(PROJECTION_RETRY.maxMs);
  });
});
