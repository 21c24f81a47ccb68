import { ConfigError } from './config-error';
import { NOTIFY_DEFAULTS, notifyConfig } from './notify-config';

const secret = 'a-webhook-secret-of-at-least-32-chars';

describe('notifyConfig', () => {
  it('is absent without NOTIFY_WEBHOOK_URL, whatever else is set', () => {
    expect(notifyConfig({ NOTIFY_WEBHOOK_SECRET: secret })).toBeUndefined();
  });

  it('has the documented backoff (1 s doubling, capped at 30 s) and 10 tries by default', () => {
    expect(notifyConfig({ NOTIFY_WEBHOOK_URL: 'https://hooks.example/loop', NOTIFY_WEBHOOK_SECRET: secret })).toEqual({
      url: 'https://hooks.example/loop', secret, backoffBaseMs: 1000, backoffCapMs: 30_000, timeoutMs: NOTIFY_DEFAULTS.timeoutMs, maxTries: 10,
    });
  });

  it('takes a shorter backoff and timeout', () => {
    const config = notifyConfig({ NOTIFY_WEBHOOK_URL: 'http://127.0.0.1:9/x', NOTIFY_WEBHOOK_SECRET: secret, NOTIFY_BACKOFF_MS: '20,80', NOTIFY_TIMEOUT_MS: '300' });
    expect(config).toMatchObject({ backoffBaseMs: 20, backoffCapMs: 80, timeoutMs: 300 });
  });

  it.each([
    [{ NOTIFY_WEBHOOK_URL: 'not a url', NOTIFY_WEBHOOK_SECRET: secret }, 'NOTIFY_WEBHOOK_URL', /absolute http/],
    [{ NOTIFY_WEBHOOK_URL: 'ftp://x/y', NOTIFY_WEBHOOK_SECRET: secret }, 'NOTIFY_WEBHOOK_URL', /http or https/],
    [{ NOTIFY_WEBHOOK_URL: 'http://x/y' }, 'NOTIFY_WEBHOOK_SECRET', /is required/],
    [{ NOTIFY_WEBHOOK_URL: 'http://x/y', NOTIFY_WEBHOOK_SECRET: 'short' }, 'NOTIFY_WEBHOOK_SECRET', /at least 32/],
    [{ NOTIFY_WEBHOOK_URL: 'http://x/y', NOTIFY_WEBHOOK_SECRET: secret, NOTIFY_BACKOFF_MS: '1000' }, 'NOTIFY_BACKOFF_MS', /base,cap/],
    [{ NOTIFY_WEBHOOK_URL: 'http://x/y', NOTIFY_WEBHOOK_SECRET: secret, NOTIFY_BACKOFF_MS: '500,100' }, 'NOTIFY_BACKOFF_MS', /base ≤ cap/],
    [{ NOTIFY_WEBHOOK_URL: 'http://x/y', NOTIFY_WEBHOOK_SECRET: secret, NOTIFY_TIMEOUT_MS: '5' }, 'NOTIFY_TIMEOUT_MS', /integer from 100/],
  ])('refuses %p naming %s in one line', (env, variable, problem) => {
    let error: unknown;
    try {
      notifyConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(problem);
    expect((error as ConfigError).message).not.toContain('\n');
  });
});
