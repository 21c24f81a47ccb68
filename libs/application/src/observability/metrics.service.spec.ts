import { MetricsService } from './metrics.service';

/** The value of one sample in the exposition text, or undefined when there is none. */
const sample = (text: string, name: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

describe('MetricsService', () => {
  it('counts HTTP requests by route pattern and status, with their latency', async () => {
    const metrics = new MetricsService();
    metrics.httpRequest('PUT', '/v1/campaigns/:id/evaluations/:agencyId', 201, 0.003);
    metrics.httpRequest('PUT', '/v1/campaigns/:id/evaluations/:agencyId', 201, 0.2);
    metrics.httpRequest('GET', 'unmatched', 404, 0.001);
    const text = await metrics.text();
    const put = 'method="PUT",route="/v1/campaigns/:id/evaluations/:agencyId",status="201"';
    expect(sample(text, `survey_http_request_duration_seconds_count{${put}}`)).toBe(2);
    expect(sample(text, `survey_http_request_duration_seconds_bucket{le="0.005",${put}}`)).toBe(1);
    expect(sample(text, `survey_http_request_duration_seconds_sum{${put}}`)).toBeCloseTo(0.203);
    expect(sample(text, 'survey_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}')).toBe(1);
  });

  it('records commits, failed commits and writability', async () => {
    const metrics = new MetricsService();
    metrics.commit(7, 0.004, true);
    metrics.commit(1, 0.001, true);
    metrics.commit(3, 0.002, false);
    metrics.storageWritable(false);
    const text = await metrics.text();
    expect(sample(text, 'survey_eventstore_commit_appends_count')).toBe(2);
    expect(sample(text, 'survey_eventstore_commit_appends_sum')).toBe(8);
    expect(sample(text, 'survey_eventstore_commit_duration_seconds_count')).toBe(2);
    expect(sample(text, 'survey_eventstore_failed_commits_total')).toBe(1);
    expect(sample(text, 'survey_eventstore_writable')).toBe(0);
  });

  it("reads subscribers' lag from their sources at each scrape, once per scrape", async () => {
    const metrics = new MetricsService();
    let reads = 0;
    let lag = 5;
    metrics.watchSubscribers(async () => {
      reads++;
      return { head: 40, subscribers: [{ name: 'reports', position: 40 - lag, lag, lagUnit: 'events', failed: false }, { name: 'constructor', position: 2, lag: 38, lagUnit: 'events', failed: true }] };
    });
    let text = await metrics.text();
    expect(reads).toBe(1);
    expect(sample(text, 'survey_log_head')).toBe(40);
    expect(sample(text, 'survey_subscriber_lag{subscriber="reports",unit="events"}')).toBe(5);
    expect(sample(text, 'survey_subscriber_position{subscriber="reports"}')).toBe(35);
    expect(sample(text, 'survey_subscriber_failed{subscriber="constructor"}')).toBe(1);
    lag = 0;
    await new Promise((resolve) => setImmediate(resolve));
    text = await metrics.text();
    expect(reads).toBe(2);
    expect(sample(text, 'survey_subscriber_lag{subscriber="reports",unit="events"}')).toBe(0);
  });

  it('shows the outbox gauges only with the values the outbox reports, and counts refusals per limit', async () => {
    const metrics = new MetricsService();
    expect((await metrics.text()).split('\n').filter((l) => l.startsWith('survey_outbox'))).toEqual([]);
    metrics.setOutboxBacklog('webhooks', 12);
    metrics.setParkedNotices('webhooks', 2);
    metrics.rateLimitRefused('enterprise-writes');
    metrics.rateLimitRefused('enterprise-writes');
    const text = await metrics.text();
    expect(sample(text, 'survey_outbox_backlog{outbox="webhooks"}')).toBe(12);
    expect(sample(text, 'survey_outbox_parked{outbox="webhooks"}')).toBe(2);
    expect(sample(text, 'survey_rate_limit_refusals_total{limit="enterprise-writes"}')).toBe(2);
  });
});
