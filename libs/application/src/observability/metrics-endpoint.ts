/**
 * Where Prometheus scrapes /metrics: on a port of its own (METRICS_PORT, plain node:http, every
 * interface) and, when METRICS_TOKEN is set, on the API's own port too; wherever it is served, a set
 * METRICS_TOKEN must come as `Authorization: Bearer <token>`.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { MetricsService } from './metrics.service';

/** Whether an Authorization header carries the token (compared in constant time); no token configured → yes. */
export function metricsAuthorized(header: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true;
  const given = Buffer.from(/^Bearer (\S+)$/i.exec(header ?? '')?.[1] ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export interface MetricsAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The answer to a request for /metrics, on whichever server it came. */
export async function answerMetrics(metrics: MetricsService, authorization: string | undefined, token: string | undefined): Promise<MetricsAnswer> {
  if (!metricsAuthorized(authorization, token)) {
    const body = JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'metrics need Authorization: Bearer <METRICS_TOKEN>' });
    return { status: 401, headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' }, body };
  }
  return { status: 200, headers: { 'content-type': metrics.contentType }, body: await metrics.text() };
}

/** Serves GET /metrics on `port` (0: any free port) until closed; nothing else. */
export function serveMetrics(metrics: MetricsService, port: number, token: string | undefined, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'GET /metrics only' }));
      return;
    }
    answerMetrics(metrics, req.headers.authorization, token).then(
      (answer) => res.writeHead(answer.status, answer.headers).end(answer.body),
      () => res.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
