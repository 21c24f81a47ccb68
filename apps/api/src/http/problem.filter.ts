/**
 * Every error leaves as application/problem+json (RFC 9457): domain errors by kind, Nest's HTTP
 * exceptions by status, Fastify's own errors (malformed JSON, body too large, wrong media type)
 * by their status code, a store that cannot write (full disk) as 503 with Retry-After. Anything
 * else is a 500 with no internals. Every 5xx is logged with its request id and its cause, and its
 * body carries the request id (also in every answer's X-Request-Id) so a user can quote it.
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { DomainError, DomainErrorKind, FieldError } from '@survey/domain';
import { StoreUnavailable } from '@survey/event-store';
import { TryLater } from '@survey/application';
import { capped } from './field-errors';

export const STATUS_OF: Record<DomainErrorKind, number> = {
  not_found: 404, conflict: 409, invalid: 400, forbidden: 403, unprocessable: 422,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  /** Present when `errors` lists only the first MAX_FIELD_ERRORS of them. */
  errorCount?: number;
  /** On a 5xx: the id under which the failure is logged. */
  requestId?: string;
}

/** How long a client is told to wait before trying again when storage is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

const logger = new Logger('HTTP');

export function toProblem(error: unknown, instance?: string): Problem {
  const problem = (status: number, detail: string, errors?: FieldError[], errorCount?: number): Problem => ({
    type: 'about:blank',
    title: statusTitle(status),
    status,
    detail,
    ...(instance ? { instance } : {}),
    ...capped(errors, errorCount),
  });
  if (error instanceof DomainError) return problem(STATUS_OF[error.kind], error.message, error.errors);
  if (error instanceof StoreUnavailable) {
    return problem(503, `storage is unavailable (${error.code} on ${error.store}): the request was not acknowledged; try again in ${RETRY_AFTER_SECONDS} s`);
  }
  if (error instanceof TryLater) return problem(error.status, error.message);
  if (error instanceof HttpException) {
    const body = error.getResponse() as { message?: unknown; errors?: FieldError[]; errorCount?: number } | string;
    const detail = typeof body === 'string' ? body : Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? error.message);
    return typeof body === 'object' ? problem(error.getStatus(), detail, body.errors, body.errorCount) : problem(error.getStatus(), detail);
  }
  const status = (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return problem(status, fastifyDetail(error as Error & { code?: string }));
  return problem(500, 'the server failed to handle this request');
}

/** Answers `error` as problem+json; a 5xx is logged first, with the request's id, route and cause. */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): void {
  const problem = toProblem(error, request.url);
  if (problem.status >= 500) {
    problem.requestId = request.id;
    // A store that cannot write is an operating condition, not a bug: its message says it all.
    const condition = error instanceof StoreUnavailable || error instanceof TryLater;
    const cause = condition ? `${error.name}: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error);
    logger.error(`request ${request.id} ${request.method} ${request.url} answered ${problem.status}: ${cause}`);
    if (problem.status === 503 && !(error instanceof TryLater)) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  }
  sendProblem(reply, problem, error);
}

function fastifyDetail(error: Error & { code?: string }): string {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'request body is larger than 64 KiB';
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'send the body as application/json';
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return `malformed JSON: ${error.message}`;
  return error.message;
}

function statusTitle(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return 'Error';
  return name.toLowerCase().split('_').map((w, i) => (i === 0 ? w[0].toUpperCase() + w.slice(1) : w)).join(' ');
}

export function sendProblem(reply: FastifyReply, problem: Problem, error?: unknown): void {
  // 429 and 503 say when to come back (RFC 9110 Retry-After, in whole seconds).
  if (error instanceof TryLater) reply.header('retry-after', String(error.retryAfterSeconds));
  reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}

/**
 * Errors Fastify raises before any route runs (a malformed percent-encoding in the path), which
 * would otherwise leave as Fastify's own application/json body.
 */
export function sendFrameworkProblem(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  sendError(request, reply, error);
}

/**
 * Requests Node's HTTP parser rejects (bad framing, oversized headers, timeouts): answered on the
 * raw socket, as Fastify's default handler does, but as problem+json.
 */
export function sendClientErrorProblem(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const detail = status === 408 ? 'the request took too long to arrive' : status === 431 ? 'request headers are too large' : 'the request is not valid HTTP';
  const body = JSON.stringify({ type: 'about:blank', title: statusTitle(status), status, detail });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/problem+json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), error);
  }
}
