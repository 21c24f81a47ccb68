/**
 * Builds the Nest application on Fastify with everything the HTTP edge shares: the 64 KiB body
 * limit and the JSON depth limit, the validation pipe, problem+json for every error (Nest's and
 * Fastify's own), and shutdown hooks so SIGTERM drains requests before the stores close.
 */
import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplication, LoggerService, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { answerMetrics, HTTP_LIMIT_DEFAULTS, HttpLimits, Logger, MetricsService, ObservabilityModule, ProcessLogger, requestLogScope } from '@survey/application';
import { observeRequests } from './access-log';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { addApiHeaders } from './api-headers';
import { addCsvUploadParser } from './csv-upload';
import { addJsonBodyParser } from './json-body';
import { ProblemFilter, sendClientErrorProblem, sendFrameworkProblem } from './problem.filter';
import { validationPipe } from './validation';

export const BODY_LIMIT = 64 * 1024;
/**
 * Above Node's 16 KiB header limit, so Fastify never cuts a path parameter short with its own 414:
 * an overlong agency id reaches the route and is a 404, an overlong credit code a 422.
 */
const MAX_PARAM_LENGTH = 16 * 1024;

export interface HttpAppOptions {
  /**
   * The process's pino logger (@survey/application's rootLogger): Nest's
   * lines (every 5xx among them) and one line per answered request. Silent when absent.
   */
  pino?: Logger;
  /** Instead of `pino` for Nest's lines: a LoggerService of the caller's (tests capture it), or false for none. */
  logger?: LoggerService | false;
  /** HTTP requests are measured when it is enabled; /metrics is served on this port when `metricsToken` is set. */
  metrics?: MetricsService;
  metricsToken?: string;
  /** Timeouts and the connection cap (configuration: HTTP_*); the defaults when absent. */
  http?: HttpLimits;
}

export async function createHttpApp(module: DynamicModule | Type<unknown>, options: HttpAppOptions = {}): Promise<NestFastifyApplication> {
  const limits = options.http ?? HTTP_LIMIT_DEFAULTS;
  const adapter = new FastifyAdapter({
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node checks the two timeouts this often (30 s by default, which would let a slow client
      // hold its socket that much longer than configured).
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    // A request's id in the log and in X-Request-Id: unique across processes and restarts.
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT,
    forceCloseConnections: 'idle',
    // While draining, a request already on an open connection is served (with Connection: close)
    // rather than given Fastify's built-in 503, whose body is plain JSON, not problem+json.
    return503OnClosing: false,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: sendFrameworkProblem,
    clientErrorHandler: sendClientErrorProblem,
    // No Nest middleware runs here (the request's log scope is a Fastify hook below), so no
    // Express-style middleware layer on every request; a module that adds one fails at start-up.
    skipMiddie: true,
  });
  const log = options.pino ?? pino({ level: 'silent' });
  const metrics = options.metrics ?? new MetricsService(false);
  @Module({ imports: [module, ObservabilityModule.forRoot(log, metrics)] })
  class HttpRoot {}
  const app = await NestFactory.create<NestFastifyApplication>(HttpRoot, adapter, {
    // Silent while the modules start (a store that cannot connect is reported once, by main.ts).
    logger: false,
    abortOnError: false,
    bodyParser: false,
  });
  // An instance, not a list of levels: useLogger(['warn', 'error']) after `logger: false` only set
  // levels on a logger that no longer existed, so nothing was logged, not even a 500.
  app.useLogger(options.logger ?? app.get(ProcessLogger));
  app.getHttpServer().maxConnections = limits.maxConnections;
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new ProblemFilter());
  // JSON only: any other media type is a 415 (Fastify's errors reach the ProblemFilter through Nest).
  const fastify = app.getHttpAdapter().getInstance();
  // First of the hooks, so that everything after runs in the request's log scope.
  const inScope = requestLogScope(log);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    inScope(request.id, done);
  });
  observeRequests(fastify, options.pino, metrics);
  // Beside the API only with a token (METRICS_TOKEN); otherwise on METRICS_PORT alone (../main.ts).
  const token = options.metricsToken;
  if (token && metrics.enabled) {
    fastify.get('/metrics', async (request, reply) => {
      const answer = await answerMetrics(metrics, request.headers.authorization, token);
      reply.status(answer.status).headers(answer.headers).send(answer.body);
    });
  }
  addApiHeaders(fastify);
  fastify.removeAllContentTypeParsers();
  addJsonBodyParser(fastify, BODY_LIMIT);
  // …and text/csv, streamed, for the admin imports only (./csv-upload.ts).
  addCsvUploadParser(fastify);
  // SIGTERM (and Ctrl-C) drain requests, close the stores, then exit 0. Without useProcessExit Nest
  // re-raises the signal once the hooks are done, so the process would die "killed by SIGTERM" (143).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  return app;
}

export type { INestApplication };
