/**
 * The process's Prometheus metrics (prom-client), in a registry of its own: HTTP requests by route
 * pattern and status with their latency, the event store's group commits (appends per commit,
 * commit latency, failures, writability), every subscriber's lag as whatever reports projection
 * status sees it, rate-limit refusals, and the webhook outbox's backlog and parked notices, which
 * the outbox reports through the setters below. Exposed at /metrics (./metrics-endpoint.ts) only
 * when METRICS_PORT or METRICS_TOKEN is set; otherwise `enabled` is false and the hot paths skip it.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A subscriber (projection, reactor, sealer…) as status reports give it. */
export interface SubscriberLag {
  name: string;
  position: number;
  lag: number | null;
  lagUnit: 'events' | 'bytes';
  failed: boolean;
}

export type SubscriberSource = () => Promise<{ head: number; subscribers: SubscriberLag[] }>;

const SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class MetricsService {
  readonly registry = new Registry();
  private readonly http: Histogram<'method' | 'route' | 'status'>;
  private readonly commitAppends: Histogram;
  private readonly commitSeconds: Histogram;
  private readonly failedCommits: Counter;
  private readonly writable: Gauge;
  private readonly refusals: Counter<'limit'>;
  private readonly backlog: Gauge<'outbox'>;
  private readonly parked: Gauge<'outbox'>;
  private readonly sources: SubscriberSource[] = [];

  /** `enabled` false: nothing is recorded by the hot paths (no /metrics is served to read it). */
  constructor(readonly enabled = true) {
    const registers = [this.registry];
    if (enabled) collectDefaultMetrics({ register: this.registry });
    this.http = new Histogram({
      name: 'survey_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern (never the raw URL; "unmatched" when no route matched) and status, with their latency; _count is the number of requests',
      labelNames: ['method', 'route', 'status'], buckets: SECONDS, registers,
    });
    this.commitAppends = new Histogram({
      name: 'survey_eventstore_commit_appends',
      help: 'Appends written per event-store commit (group commit: the appends of one turn of the event loop share a transaction and an fsync)',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000], registers,
    });
    this.commitSeconds = new Histogram({ name: 'survey_eventstore_commit_duration_seconds', help: 'Time one event-store commit took, fsync included', buckets: SECONDS, registers });
    this.failedCommits = new Counter({ name: 'survey_eventstore_failed_commits_total', help: 'Event-store commits refused by storage (full disk, read-only file, I/O error): their appends answered 503', registers });
    this.writable = new Gauge({ name: 'survey_eventstore_writable', help: '1 while the event log can be written, 0 while appends are refused (full disk, I/O errors)', registers });
    this.writable.set(1);
    this.refusals = new Counter({ name: 'survey_rate_limit_refusals_total', help: 'Requests refused with 429 by a rate limit, by limit', labelNames: ['limit'], registers });
    this.backlog = new Gauge({ name: 'survey_outbox_backlog', help: 'Notices waiting in an outbox to be delivered, by outbox (reported by the outbox itself)', labelNames: ['outbox'], registers });
    this.parked = new Gauge({ name: 'survey_outbox_parked', help: 'Notices an outbox gave up delivering and parked for an operator, by outbox (reported by the outbox itself)', labelNames: ['outbox'], registers });
    this.subscriberGauges(registers);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text: what a scrape of /metrics answers. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  /** One answered HTTP request; `route` is the route's pattern (e.g. /v1/campaigns/:id), never the URL. */
  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.http.observe({ method, route, status: String(status) }, seconds);
  }

  /** One event-store commit of `appends` appends, and whether storage took it. */
  commit(appends: number, seconds: number, ok: boolean): void {
    if (!ok) return this.failedCommits.inc();
    this.commitAppends.observe(appends);
    this.commitSeconds.observe(seconds);
  }

  storageWritable(writable: boolean): void {
    this.writable.set(writable ? 1 : 0);
  }

  rateLimitRefused(limit: string): void {
    this.refusals.inc({ limit });
  }

  /** For the webhook outbox: how many notices wait to be delivered. Call it whenever the number changes. */
  setOutboxBacklog(outbox: string, notices: number): void {
    this.backlog.set({ outbox }, notices);
  }

  /** For the webhook outbox: how many notices are parked (delivery given up, waiting for an operator). */
  setParkedNotices(outbox: string, notices: number): void {
    this.parked.set({ outbox }, notices);
  }

  /**
   * Subscribers whose lag is read at each scrape (projections today; reactors and timers as they
   * appear in the status reports): the source is asked once per scrape, never on the hot path.
   */
  watchSubscribers(source: SubscriberSource): void {
    this.sources.push(source);
  }

  private subscriberGauges(registers: Registry[]): void {
    let snapshot: Promise<{ head: number; subscribers: SubscriberLag[] }[]> | null = null;
    // The four gauges are collected one after another in one scrape: ask the sources once for all four.
    const read = () => (snapshot ??= Promise.all(this.sources.map((s) => s().catch(() => ({ head: 0, subscribers: [] })))).finally(() => setImmediate(() => (snapshot = null))));
    new Gauge({
      name: 'survey_log_head', help: 'Position of the last event in the log', registers,
      async collect() {
        const all = await read();
        if (all.length) this.set(Math.max(...all.map((s) => s.head)));
      },
    });
    new Gauge({
      name: 'survey_subscriber_position', help: 'Log position a subscriber (projection, reactor…) has folded up to', labelNames: ['subscriber'], registers,
      async collect() {
        this.reset();
        for (const s of (await read()).flatMap((r) => r.subscribers)) this.set({ subscriber: s.name }, s.position);
      },
    });
    new Gauge({
      name: 'survey_subscriber_lag', help: 'How far a subscriber is behind the head of the log (unit: events on SQLite, bytes on EventStoreDB)', labelNames: ['subscriber', 'unit'], registers,
      async collect() {
        this.reset();
        for (const s of (await read()).flatMap((r) => r.subscribers)) if (s.lag !== null) this.set({ subscriber: s.name, unit: s.lagUnit }, s.lag);
      },
    });
    new Gauge({
      name: 'survey_subscriber_failed', help: '1 while a subscriber is stopped by a failure (it retries with growing delays), else 0', labelNames: ['subscriber'], registers,
      async collect() {
        this.reset();
        for (const s of (await read()).flatMap((r) => r.subscribers)) this.set({ subscriber: s.name }, s.failed ? 1 : 0);
      },
    });
  }
}
