import { ConfigError, loadConfig } from './config';

const secret = 'a-secret-of-at-least-thirty-two-characters';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({ SURVEY_JWT_SECRET: secret });
    expect(config).toMatchObject({ port: 3000, suppressionK: 5, publicUrl: 'http://localhost:3000', inProcessProjector: true });
    expect(config.dataDir).toMatch(/data$/);
    expect(config.eventStoreUrl).toBeUndefined();
    expect(config.mongoUrl).toBeUndefined();
  });

  it('takes production connection strings, clusters included', () => {
    const config = loadConfig({
      SURVEY_JWT_SECRET: secret,
      EVENTSTORE_URL: 'esdb://esdb1:2113,esdb2:2113,esdb3:2113?tls=false',
      MONGODB_URL: 'mongodb://user:pw@mongo:27017/survey?replicaSet=rs0',
      PROJECTIONS: 'external',
    });
    expect(config).toMatchObject({ eventStoreUrl: 'esdb://esdb1:2113,esdb2:2113,esdb3:2113?tls=false', inProcessProjector: false });
    expect(config.mongoUrl).toBe('mongodb://user:pw@mongo:27017/survey?replicaSet=rs0');
  });

  it.each([
    [{ SURVEY_JWT_SECRET: undefined }, 'SURVEY_JWT_SECRET', /is required/],
    [{ SURVEY_JWT_SECRET: 'short' }, 'SURVEY_JWT_SECRET', /at least 32/],
    [{ PORT: 'abc' }, 'PORT', /integer/],
    [{ PORT: '70000' }, 'PORT', /integer from 0 to 65535/],
    [{ SUPPRESSION_K: '0' }, 'SUPPRESSION_K', /integer/],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL', /absolute URL/],
    [{ PROJECTIONS: 'elsewhere' }, 'PROJECTIONS', /in-process or external/],
    [{ EVENTSTORE_URL: 'http://localhost:2113' }, 'EVENTSTORE_URL', /esdb/],
    [{ EVENTSTORE_URL: 'esdb://' }, 'EVENTSTORE_URL', /esdb/],
    [{ MONGODB_URL: 'mongo://x' }, 'MONGODB_URL', /mongodb/],
    [{ MONGODB_URL: 'mongodb://has space' }, 'MONGODB_URL', /mongodb/],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL', /one of trace, debug, info, warn, error, fatal, silent/],
    [{ METRICS_PORT: '0' }, 'METRICS_PORT', /integer from 1 to 65535/],
    [{ METRICS_PORT: 'x' }, 'METRICS_PORT', /integer/],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN', /at least 32/],
    [{ METRICS_TOKEN: `${'x'.repeat(32)} y` }, 'METRICS_TOKEN', /without spaces/],
  ])('refuses %p naming %s in one line', (env, variable, problem) => {
    const load = () => loadConfig({ SURVEY_JWT_SECRET: secret, ...env } as Record<string, string | undefined>);
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (e) {
      expect((e as ConfigError).variable).toBe(variable);
      expect((e as Error).message).toMatch(problem);
      expect((e as Error).message).toMatch(new RegExp(`^configuration: ${variable} `));
      expect((e as Error).message).not.toMatch(/\n/);
    }
  });

  it('takes a namespace for shared servers, and refuses one that is not a plain name', () => {
    expect(loadConfig({ SURVEY_JWT_SECRET: secret, SURVEY_NAMESPACE: 'staging' }).namespace).toBe('staging');
    expect(loadConfig({ SURVEY_JWT_SECRET: secret }).namespace).toBeUndefined();
    expect(() => loadConfig({ SURVEY_JWT_SECRET: secret, SURVEY_NAMESPACE: 'Staging.1' })).toThrow(/SURVEY_NAMESPACE/);
  });

  it('takes the working days of a case, 1 to contact and 15 to rectify by default, and refuses what is no whole number of days', () => {
    expect(loadConfig({ SURVEY_JWT_SECRET: secret }).cases).toEqual({ contactDays: 1, rectifyDays: 15 });
    expect(loadConfig({ SURVEY_JWT_SECRET: secret, CASE_CONTACT_DAYS: '2', CASE_RECTIFY_DAYS: '10' }).cases).toEqual({ contactDays: 2, rectifyDays: 10 });
    for (const [variable, value] of [['CASE_CONTACT_DAYS', '0'], ['CASE_RECTIFY_DAYS', '1.5'], ['CASE_RECTIFY_DAYS', 'fifteen']]) {
      expect(() => loadConfig({ SURVEY_JWT_SECRET: secret, [variable]: value })).toThrow(new RegExp(`^configuration: ${variable} must be an integer from 1 to \\d+, got "${value}"$`));
    }
  });

  it('holds projections at the head only with PROJECTION_FOLLOW_HOLD_MS (0 by default), up to a minute', () => {
    expect(loadConfig({ SURVEY_JWT_SECRET: secret }).projectionFollowHoldMs).toBe(0);
    expect(loadConfig({ SURVEY_JWT_SECRET: secret, PROJECTION_FOLLOW_HOLD_MS: '1000' }).projectionFollowHoldMs).toBe(1000);
    expect(() => loadConfig({ SURVEY_JWT_SECRET: secret, PROJECTION_FOLLOW_HOLD_MS: '60001' })).toThrow(/^configuration: PROJECTION_FOLLOW_HOLD_MS must be an integer from 0 to 60000, got "60001"$/);
    expect(() => loadConfig({ SURVEY_JWT_SECRET: secret, PROJECTION_FOLLOW_HOLD_MS: '1s' })).toThrow(/PROJECTION_FOLLOW_HOLD_MS/);
  });

  it('runs the case reactor and scheduler unless CASE_PROCESSES=off, and refuses another value', () => {
    expect(loadConfig({ SURVEY_JWT_SECRET: secret }).caseProcesses).toBe(true);
    expect(loadConfig({ SURVEY_JWT_SECRET: secret, CASE_PROCESSES: 'on' }).caseProcesses).toBe(true);
    expect(loadConfig({ SURVEY_JWT_SECRET: secret, CASE_PROCESSES: 'off' }).caseProcesses).toBe(false);
    expect(() => loadConfig({ SURVEY_JWT_SECRET: secret, CASE_PROCESSES: 'no' })).toThrow(/^configuration: CASE_PROCESSES must be on or off, got "no"$/);
  });

  it('logs at info with no /metrics by default; LOG_LEVEL, METRICS_PORT and METRICS_TOKEN as given', () => {
    expect(loadConfig({ SURVEY_JWT_SECRET: secret }).observability).toEqual({ logLevel: 'info', metrics: {} });
    const token = 'a'.repeat(40);
    expect(loadConfig({ SURVEY_JWT_SECRET: secret, LOG_LEVEL: 'warn', METRICS_PORT: '9464', METRICS_TOKEN: token }).observability)
      .toEqual({ logLevel: 'warn', metrics: { port: 9464, token } });
  });
});
