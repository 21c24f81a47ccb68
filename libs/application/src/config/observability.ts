/**
 * How much the processes log (LOG_LEVEL) and where Prometheus scrapes their metrics (METRICS_PORT,
 * METRICS_TOKEN): read with the rest of the configuration, one line naming a bad variable.
 */
import { ConfigError, integer } from './config-error';

type Env = Record<string, string | undefined>;

/** pino's levels, quietest last; `silent` logs nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface MetricsExposure {
  /** Serve /metrics on a port of its own (every interface), apart from the API's. */
  port?: number;
  /** Require `Authorization: Bearer <token>` wherever /metrics is served; also serves it on the API's own port. */
  token?: string;
}

export interface Observability {
  logLevel: LogLevel;
  metrics: MetricsExposure;
}

export function logLevel(env: Env): LogLevel {
  const raw = env.LOG_LEVEL || 'info';
  const level = LOG_LEVELS.find((l) => l === raw);
  if (!level) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return level;
}

export function observability(env: Env): Observability {
  const port = env.METRICS_PORT ? integer(env, 'METRICS_PORT', 0, 1, 65535) : undefined;
  const token = env.METRICS_TOKEN || undefined;
  // A scraper's token sits in its config file: long enough not to be guessed, and only what a header carries.
  if (token !== undefined && !/^[\x21-\x7e]{32,}$/.test(token)) {
    throw new ConfigError('METRICS_TOKEN', 'must be at least 32 printable characters without spaces (e.g. openssl rand -hex 32)');
  }
  return { logLevel: logLevel(env), metrics: { ...(port ? { port } : {}), ...(token ? { token } : {}) } };
}
