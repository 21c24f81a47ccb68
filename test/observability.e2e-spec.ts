/**
 * Logs and metrics of the built server (issue 15): after submissions, a rate-limit refusal, a 404
 * and a request carrying a token in its URL, /metrics counts exactly those (by route pattern, never
 * the URL), shows the commits and the projections' lag, and is served only as configured
 * (METRICS_PORT, METRICS_TOKEN); every line the server logged is JSON, the access log carries the
 * request id that is also the events' correlationId, and nothing it logged holds the JWT secret,
 * the metrics token or any token a request carried. The alert rules in docs/prometheus/alerts.yml
 * name only metrics a real scrape has.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TEST_SECRET, token } from './support/app';
import { logLines } from './support/log-lines';
import { call, freePort, seedCampaign, ServerProcess } from './support/server-process';
import { describeOnEmbeddedStores } from './support/stores';

jest.setTimeout(60_000);

const CAMPAIGN = 'obs-2026';
const METRICS_TOKEN = 'metrics-token-0123456789abcdef0123456789abcdef';
const SUBMIT_ROUTE = 'route="/v1/campaigns/:id/evaluations/:agencyId"';

/** The value of one sample of the exposition text (0 when absent). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

const get = (url: string, authorization?: string) => fetch(url, { headers: authorization ? { authorization } : {} });

describeOnEmbeddedStores('logs and metrics of the built server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-obs-'));
  let server: ServerProcess;
  let metricsPort: number;
  const tokensSent: string[] = [];
  const submitted = new Map<string, string>(); // credit code → X-Request-Id of its submission
  let scrape = '';

  beforeAll(async () => {
    metricsPort = await freePort();
    server = await ServerProcess.start(dataDir, {
      env: { METRICS_PORT: String(metricsPort), METRICS_TOKEN, LOG_LEVEL: 'debug', RATE_LIMIT_ENTERPRISE_WRITES: '2/min' },
    });
    const admin = token('admin', 'obs-admin');
    tokensSent.push(admin);
    const codes = await seedCampaign(server, CAMPAIGN, 5, admin);
    for (const code of codes) {
      const enterprise = token('enterprise', code);
      tokensSent.push(enterprise);
      const answer = await call('PUT', `${server.url}/v1/campaigns/${CAMPAIGN}/evaluations/tax`, { token: enterprise, body: { rating: 'satisfied' } });
      expect(answer.status).toBe(201);
      submitted.set(code, String(answer.headers['x-request-id']));
    }
    // The first enterprise's third write this minute is refused.
    const busy = token('enterprise', codes[0]);
    expect((await call('PUT', `${server.url}/v1/campaigns/${CAMPAIGN}/evaluations/police`, { token: busy, body: { rating: 'satisfied' } })).status).toBe(201);
    expect((await call('PUT', `${server.url}/v1/campaigns/${CAMPAIGN}/evaluations/housing`, { token: busy, body: { rating: 'satisfied' } })).status).toBe(429);
    expect((await call('GET', `${server.url}/v1/no-such-route`)).status).toBe(404);
    // A client that puts a token in the URL: it must not reach the log either.
    const leaked = token('analyst', 'careless');
    tokensSent.push(leaked);
    await call('GET', `${server.url}/v1/campaigns?t=${leaked}`);
    await server.waitUntilCaughtUp();
    scrape = await (await get(`http://127.0.0.1:${metricsPort}/metrics`, `Bearer ${METRICS_TOKEN}`)).text();
  });

  afterAll(async () => {
    await server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts requests by route pattern and status, never by URL', () => {
    expect(sample(scrape, `survey_http_request_duration_seconds_count{method="PUT",${SUBMIT_ROUTE},status="201"}`)).toBe(submitted.size + 1);
    expect(sample(scrape, `survey_http_request_duration_seconds_count{method="PUT",${SUBMIT_ROUTE},status="429"}`)).toBe(1);
    expect(sample(scrape, 'survey_http_request_duration_seconds_count{method="PUT",route="/v1/enterprises/:creditCode",status="201"}')).toBe(submitted.size);
    expect(sample(scrape, 'survey_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(scrape).not.toContain(CAMPAIGN); // no URL, so no id, in any label
    expect(sample(scrape, `survey_http_request_duration_seconds_bucket{le="+Inf",method="PUT",${SUBMIT_ROUTE},status="201"}`)).toBe(submitted.size + 1);
  });

  it('shows the group commits, the log writable, the projections caught up, and the refusal', () => {
    // Every acknowledged append went through a commit: the campaign, the enterprises, the submissions.
    const appends = 1 + submitted.size + submitted.size + 1;
    expect(sample(scrape, 'survey_eventstore_commit_appends_sum')).toBeGreaterThanOrEqual(appends);
    expect(sample(scrape, 'survey_eventstore_commit_appends_count')).toBeGreaterThan(0);
    expect(sample(scrape, 'survey_eventstore_commit_duration_seconds_count')).toBe(sample(scrape, 'survey_eventstore_commit_appends_count'));
    expect(sample(scrape, 'survey_eventstore_writable')).toBe(1);
    expect(sample(scrape, 'survey_eventstore_failed_commits_total')).toBe(0);
    const head = sample(scrape, 'survey_log_head');
    expect(head).toBeGreaterThanOrEqual(appends);
    for (const projection of ['reports', 'segments', 'progress', 'directory']) {
      expect([projection, sample(scrape, `survey_subscriber_lag{subscriber="${projection}",unit="events"}`)]).toEqual([projection, 0]);
      expect([projection, sample(scrape, `survey_subscriber_position{subscriber="${projection}"}`)]).toEqual([projection, head]);
    }
    expect(sample(scrape, 'survey_rate_limit_refusals_total{limit="enterprise-writes"}')).toBe(1);
  });

  it('serves /metrics only with the token, on its port and on the API port', async () => {
    expect((await get(`http://127.0.0.1:${metricsPort}/metrics`)).status).toBe(401);
    expect((await get(`http://127.0.0.1:${metricsPort}/metrics`, `Bearer ${METRICS_TOKEN.slice(1)}`)).status).toBe(401);
    expect((await get(`${server.url}/metrics`)).status).toBe(401);
    const onApi = await get(`${server.url}/metrics`, `Bearer ${METRICS_TOKEN}`);
    expect(onApi.status).toBe(200);
    expect(onApi.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('logs JSON lines: each request once with its id, route and status; that id is the events\' correlationId', async () => {
    const lines = logLines(server.stdout);
    expect(lines.filter((l) => l.notJson)).toEqual([]);
    expect(lines.every((l) => typeof l.level === 'string' && typeof l.time === 'string')).toBe(true);
    const auditor = token('auditor', 'obs-auditor');
    for (const [code, requestId] of submitted) {
      const access = lines.filter((l) => l.reqId === requestId && l.msg === 'request completed');
      expect(access).toEqual([expect.objectContaining({ level: 'info', method: 'PUT', route: '/v1/campaigns/:id/evaluations/:agencyId', status: 201, url: `/v1/campaigns/${CAMPAIGN}/evaluations/tax` })]);
      const history = await call('GET', `${server.url}/v1/audit/campaigns/${CAMPAIGN}/ballots/${code}`, { token: auditor });
      const events = (history.body as { events: { type: string; metadata: { correlationId: string } }[] }).events;
      expect(events.filter((e) => e.type === 'EvaluationSubmitted').map((e) => e.metadata.correlationId)[0]).toBe(requestId);
    }
    expect(lines.find((l) => typeof l.url === 'string' && l.url.startsWith('/v1/campaigns?t='))).toMatchObject({ url: '/v1/campaigns?t=[redacted]' });
  });

  it('never logs the JWT secret, the metrics token or a token a request carried', async () => {
    await server.kill('SIGTERM');
    const everything = server.stdout + server.stderr;
    expect(everything.length).toBeGreaterThan(0);
    const found = [TEST_SECRET, METRICS_TOKEN, ...tokensSent].filter((secret) => everything.includes(secret));
    expect(found).toEqual([]);
    // Nor any part of a token: its signature alone would let nobody in, but the claims are an enterprise's.
    expect(tokensSent.filter((t) => everything.includes(t.split('.')[2]))).toEqual([]);
  });

  it('alerts.yml names only metrics a real scrape has', () => {
    const rules = parse(readFileSync(join(__dirname, '..', 'docs', 'prometheus', 'alerts.yml'), 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] };
    const alerts = rules.groups.flatMap((g) => g.rules);
    expect(alerts.map((a) => a.alert).sort()).toEqual(['SurveyEventLogUnwritable', 'SurveyParkedNotices', 'SurveyProjectionStalled']);
    const families = new Set([...scrape.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    const named = alerts.flatMap((a) => [...a.expr.matchAll(/\b(survey_[a-z_]+)/g)].map((m) => m[1]));
    expect(named.length).toBeGreaterThanOrEqual(alerts.length);
    expect(named.filter((name) => !families.has(name))).toEqual([]);
  });
});

describeOnEmbeddedStores('metrics exposure as configured', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-obs-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('METRICS_PORT without a token: served there to anyone, never on the API port', async () => {
    const metricsPort = await freePort();
    const server = await ServerProcess.start(dataDir, { env: { METRICS_PORT: String(metricsPort) } });
    try {
      const there = await get(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(there.status).toBe(200);
      expect(await there.text()).toMatch(/^# TYPE survey_http_request_duration_seconds histogram$/m);
      expect((await get(`${server.url}/metrics`)).status).toBe(404);
    } finally {
      await server.kill('SIGTERM');
    }
  });

  it('neither variable: no /metrics anywhere', async () => {
    const server = await ServerProcess.start(dataDir);
    try {
      expect((await get(`${server.url}/metrics`)).status).toBe(404);
      expect((await get(`${server.url}/metrics`, `Bearer ${METRICS_TOKEN}`)).status).toBe(404);
    } finally {
      await server.kill('SIGTERM');
    }
  });
});
