import { ConfigError, loadConfig } from './config';
import { DEFAULT_LIMITS, loadLimits } from './limits';

describe('loadLimits', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({ SURVEY_JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters' })).toMatchObject({
      replays: { workers: 2, queue: 8 },
      rateLimits: {
        enterpriseWrites: { points: 10, seconds: 1, burst: 30 },
        staffWrites: { points: 100, seconds: 1, burst: 300 },
        replays: { points: 10, seconds: 60, burst: 10 },
        publicPerIp: { points: 100, seconds: 1, burst: 100 },
      },
    });
  });

  it('reads rates per second or minute, with or without a burst, and off', () => {
    const limits = loadLimits({
      REPLAY_WORKERS: '4', REPLAY_QUEUE: '0',
      RATE_LIMIT_ENTERPRISE_WRITES: '5/s,50', RATE_LIMIT_STAFF_WRITES: 'off', RATE_LIMIT_REPLAYS: '3/min', RATE_LIMIT_PUBLIC: ' 20/s ',
    });
    expect(limits).toEqual({
      replays: { workers: 4, queue: 0 },
      rateLimits: {
        enterpriseWrites: { points: 5, seconds: 1, burst: 50 }, staffWrites: null,
        replays: { points: 3, seconds: 60, burst: 3 }, publicPerIp: { points: 20, seconds: 1, burst: 20 },
      },
    });
    expect(loadLimits({ RATE_LIMIT_REPLAYS: '' })).toEqual(DEFAULT_LIMITS);
  });

  it.each([
    ['REPLAY_WORKERS', '0'], ['REPLAY_WORKERS', 'two'], ['REPLAY_QUEUE', '-1'],
    ['RATE_LIMIT_ENTERPRISE_WRITES', '10'], ['RATE_LIMIT_ENTERPRISE_WRITES', '10/s,5'], ['RATE_LIMIT_STAFF_WRITES', '0/s'],
    ['RATE_LIMIT_REPLAYS', '10/hour'], ['RATE_LIMIT_PUBLIC', '1e3/s'], ['RATE_LIMIT_PUBLIC', 'none'],
  ])('stops start-up on %s=%s with one line naming it', (variable, value) => {
    expect(() => loadLimits({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadLimits({ [variable]: value })).toThrow(new RegExp(`^configuration: ${variable} `));
  });
});
