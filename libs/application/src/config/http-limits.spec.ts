import { ConfigError, loadConfig } from './config';
import { HTTP_LIMIT_DEFAULTS } from './http-limits';

const secret = 'a-secret-of-at-least-thirty-two-characters';

describe('HTTP limits in the configuration', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({ SURVEY_JWT_SECRET: secret }).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 300_000, keepAliveTimeoutMs: 72_000, maxConnections: 1000 });
    expect(HTTP_LIMIT_DEFAULTS).toEqual(loadConfig({ SURVEY_JWT_SECRET: secret }).http);
  });

  it('takes each from the environment', () => {
    const env = { SURVEY_JWT_SECRET: secret, HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: '5000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '1500', HTTP_MAX_CONNECTIONS: '64' };
    expect(loadConfig(env).http).toEqual({ headersTimeoutMs: 2000, requestTimeoutMs: 5000, keepAliveTimeoutMs: 1500, maxConnections: 64 });
  });

  it.each([
    ['HTTP_REQUEST_TIMEOUT_MS', '0', /integer from 100 to 3600000/],
    ['HTTP_HEADERS_TIMEOUT_MS', '1e4', /integer/],
    ['HTTP_KEEP_ALIVE_TIMEOUT_MS', '-1', /integer/],
    ['HTTP_MAX_CONNECTIONS', '0', /integer from 1 to 1000000/],
    ['HTTP_HEADERS_TIMEOUT_MS', '400000', /must not be longer than HTTP_REQUEST_TIMEOUT_MS \(300000\)/],
  ])('stops on %s=%s with one line naming it', (variable, value, problem) => {
    const load = () => loadConfig({ SURVEY_JWT_SECRET: secret, [variable]: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(new RegExp(`^configuration: ${variable} (must be an )?${problem.source}`));
  });
});
