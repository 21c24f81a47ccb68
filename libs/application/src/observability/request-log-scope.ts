/**
 * The scope that makes every line logged while a request is handled carry its id (`reqId`, the
 * X-Request-Id and the correlationId of the events it appends): nestjs-pino's request store, which
 * its Logger and PinoLogger read, entered from a Fastify onRequest hook (apps/api http/create-app.ts).
 * Its child logger is made on first use: most requests log no line of their own (the access line
 * is written from the root logger with the id as a field), and nestjs-pino's own middleware, which
 * made two child loggers a request through pino-http (one serializing the request's headers) behind
 * Nest's Express-style middleware layer, took about a tenth of a no-op request's CPU.
 */
import { storage, Store } from 'nestjs-pino/storage';
import type { Logger } from './root-logger';

/** nestjs-pino's Store, its logger made when a line is first logged (PinoLogger.assign may replace it). */
class RequestLoggers implements Store {
  private child: Logger | undefined;
  readonly responseLogger = undefined;

  constructor(
    private readonly root: Logger,
    private readonly reqId: string,
  ) {}

  get logger(): Logger {
    return (this.child ??= this.root.child({ reqId: this.reqId }));
  }

  set logger(logger: Logger) {
    this.child = logger;
  }
}

/** Runs `next` (the rest of a request's hooks, and so its handling) inside the scope of request `reqId`. */
export const requestLogScope =
  (root: Logger) =>
  (reqId: string, next: () => void): void =>
    storage.run(new RequestLoggers(root, reqId), next);
