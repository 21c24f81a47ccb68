/**
 * How long the HTTP server waits for a client, and how many connections it holds: a client that
 * sends a byte every few seconds, or opens connections and sends nothing, must not hold a socket
 * for ever (Fastify's requestTimeout was 0: no limit). Each is an environment variable.
 */
import { ConfigError, integer } from './config-error';

type Env = Record<string, string | undefined>;

export interface HttpLimits {
  /** The request line and headers must have arrived within this (Node's headersTimeout). */
  headersTimeoutMs: number;
  /**
   * The whole request, body included (Node's requestTimeout). Long, because the CSV import
   * uploads (up to 64 MiB) are read at the importer's pace, about 0.5 MB/s on 2 cores.
   */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this: longer than common load balancers' 60 s. */
  keepAliveTimeoutMs: number;
  /** Connections held at once; one more is closed as it opens. */
  maxConnections: number;
}

export const HTTP_LIMIT_DEFAULTS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 300_000,
  keepAliveTimeoutMs: 72_000,
  maxConnections: 1000,
};

const HOUR_MS = 3_600_000;

export function httpLimits(env: Env): HttpLimits {
  const limits: HttpLimits = {
    headersTimeoutMs: integer(env, 'HTTP_HEADERS_TIMEOUT_MS', HTTP_LIMIT_DEFAULTS.headersTimeoutMs, 100, HOUR_MS),
    requestTimeoutMs: integer(env, 'HTTP_REQUEST_TIMEOUT_MS', HTTP_LIMIT_DEFAULTS.requestTimeoutMs, 100, HOUR_MS),
    keepAliveTimeoutMs: integer(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', HTTP_LIMIT_DEFAULTS.keepAliveTimeoutMs, 100, HOUR_MS),
    maxConnections: integer(env, 'HTTP_MAX_CONNECTIONS', HTTP_LIMIT_DEFAULTS.maxConnections, 1, 1_000_000),
  };
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    // Node refuses a headers timeout longer than the request's.
    throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS', `must not be longer than HTTP_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs}), got "${limits.headersTimeoutMs}"`);
  }
  return limits;
}
