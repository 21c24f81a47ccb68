import { metricsAuthorized } from './metrics-endpoint';

describe('metricsAuthorized', () => {
  const token = 'm'.repeat(40);

  it('lets anything through when no token is configured', () => {
    expect(metricsAuthorized(undefined, undefined)).toBe(true);
  });

  it('wants exactly the bearer token when one is', () => {
    expect(metricsAuthorized(`Bearer ${token}`, token)).toBe(true);
    expect(metricsAuthorized(`bearer ${token}`, token)).toBe(true);
    expect([undefined, '', token, `Bearer ${token}x`, `Bearer ${token.slice(1)}`, `Basic ${token}`, `Bearer  ${token}`].map((h) => metricsAuthorized(h, token))).toEqual(
      [false, false, false, false, false, false, false],
    );
  });
});
