/**
 * One log line and one metrics sample per answered request, from Fastify's onResponse hook: the
 * request id (also the correlationId of the events the request appended), method, route pattern,
 * URL with any credential taken out, status and milliseconds. Health checks log at debug, so that
 * probes every few seconds do not drown the rest.
 */
import type { FastifyInstance } from 'fastify';
import { Logger, MetricsService, redactText } from '@survey/application';

export function observeRequests(fastify: FastifyInstance, log: Logger | undefined, metrics: MetricsService | undefined): void {
  const measure = metrics?.enabled ? metrics : undefined;
  if (!log && !measure) return;
  fastify.addHook('onResponse', (request, reply, done) => {
    // The pattern Fastify matched (/v1/campaigns/:id), never the URL: one series per route, not per id.
    const route = request.routeOptions.url ?? 'unmatched';
    const ms = reply.elapsedTime;
    measure?.httpRequest(request.method, route, reply.statusCode, ms / 1000);
    const level = route.startsWith('/v1/health') ? 'debug' : 'info';
    if (log?.isLevelEnabled(level)) {
      log[level]({ reqId: request.id, method: request.method, route, url: redactText(request.url), status: reply.statusCode, ms: Math.round(ms * 10) / 10 }, 'request completed');
    }
    done();
  });
}
