/**
 * Configuration from the environment, validated once at start-up: a bad value stops the process
 * with one line naming the variable.
 */
import { resolve } from 'node:path';
import { ConfigError, integer } from './config-error';
import { HttpLimits, httpLimits } from './http-limits';
import { loadLimits, ReplayLimits, RateLimits } from './limits';
import { observability, Observability } from './observability';
import { NotifyConfig, notifyConfig } from './notify-config';
import { RequestConfig, requestConfig } from './request-config';

export interface AppConfig {
  port: number;
  dataDir: string;
  jwtSecret: string;
  suppressionK: number;
  publicUrl: string;
  /** PROJECTIONS=in-process (default) runs them inside the API; `external` leaves them to apps/projector. */
  inProcessProjector: boolean;
  /** EventStoreDB connection string; unset → the embedded SQLite log in DATA_DIR. */
  eventStoreUrl?: string;
  /** MongoDB connection string (a replica set); unset → the embedded SQLite read models in DATA_DIR. */
  mongoUrl?: string;
  /**
   * Isolates this deployment on EventStoreDB / MongoDB servers it shares with others (staging next to
   * production, one e2e test app next to another): stream names get a `<namespace>.` prefix and the
   * MongoDB database a `_<namespace>` suffix. Unset → names exactly as the event catalog gives them.
   */
  namespace?: string;
  /** Timeouts and the connection cap of the HTTP server (./http-limits.ts); defaults when absent. */
  http?: HttpLimits;
  /** The longest a bearer token may be valid, from its `iat` (TOKEN_MAX_LIFETIME_DAYS; 30 when absent). */
  tokenMaxLifetimeDays?: number;
  /** Replay workers and request rates (limits.ts); unset → DEFAULT_LIMITS. */
  replays?: ReplayLimits;
  rateLimits?: RateLimits;
  /** Working days to contact the enterprise behind a bad review and to rectify (CASE_CONTACT_DAYS, CASE_RECTIFY_DAYS); 1 and 15 when absent. */
  cases?: CaseDays;
  /** The requests' categories and deadlines (REQUEST_CATEGORIES_FILE, REQUEST_*_DAYS, ./request-config.ts); the contract's defaults when absent. */
  requests?: RequestConfig;
  /** LOG_LEVEL, METRICS_PORT, METRICS_TOKEN (./observability.ts); info and no /metrics when absent. */
  observability?: Observability;
  /** The webhook outbox (NOTIFY_*, ./notify-config.ts); unset → no notices are sent. */
  notify?: NotifyConfig;
  /**
   * CASE_PROCESSES=off: this process runs the projections without the case reactor and the deadline
   * scheduler (the demo's projector, while the demo plays the cases on its own 2019 clock); on
   * (default, also when absent) runs them wherever the projections run.
   */
  caseProcesses?: boolean;
  /**
   * PROJECTION_FOLLOW_HOLD_MS: at the log's head, the projections commit the changes of the batches
   * that come within this long together (0, the default: each batch at once; the demo's projector
   * holds a second, so its counters are written once per second of the demo's bursts, not per burst).
   */
  projectionFollowHoldMs?: number;
}

export interface CaseDays {
  contactDays: number;
  rectifyDays: number;
}

export const DEFAULT_CASE_DAYS: CaseDays = Object.freeze({ contactDays: 1, rectifyDays: 15 });

// Where they were first defined; http-limits.ts and limits.ts take them from ./config-error, which keeps this file out of an import cycle.
export { ConfigError, integer, startupLine } from './config-error';

export const APP_CONFIG = Symbol('AppConfig');

type Env = Record<string, string | undefined>;

function projections(env: Env): 'in-process' | 'external' {
  const value = env.PROJECTIONS || 'in-process';
  if (value !== 'in-process' && value !== 'external') throw new ConfigError('PROJECTIONS', `must be in-process or external, got "${value}"`);
  return value;
}

/** A connection string of one of the schemes, hosts given (a comma-separated list is allowed). */
function connectionString(env: Env, name: string, schemes: string[], example: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const scheme = schemes.find((s) => raw.startsWith(`${s}://`));
  const rest = scheme ? raw.slice(scheme.length + 3) : '';
  if (!scheme || !/^([^\s/?#@]+@)?[^\s/?#@]+(\/[^\s?#]*)?(\?[^\s#]*)?$/.test(rest)) {
    throw new ConfigError(name, `must be a ${schemes.join(' or ')} connection string such as ${example}, got "${raw}"`);
  }
  return raw;
}

export function loadConfig(env: Env = process.env, options: { requireSecret?: boolean } = {}): AppConfig {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const jwtSecret = env.SURVEY_JWT_SECRET ?? '';
  if (options.requireSecret !== false && jwtSecret.length < 32) {
    throw new ConfigError('SURVEY_JWT_SECRET', jwtSecret ? 'must be at least 32 characters (HS256 wants a 256-bit key)' : 'is required (an HS256 secret of at least 32 characters)');
  }
  const publicUrl = env.PUBLIC_URL || `http://localhost:${port}`;
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError('PUBLIC_URL', `must be an absolute URL, got "${publicUrl}"`);
  }
  return {
    port,
    dataDir: resolve(env.DATA_DIR || './data'),
    jwtSecret,
    suppressionK: integer(env, 'SUPPRESSION_K', 5, 1, 1000),
    publicUrl,
    inProcessProjector: projections(env) === 'in-process',
    eventStoreUrl: connectionString(env, 'EVENTSTORE_URL', ['esdb', 'esdb+discover'], 'esdb://localhost:2113?tls=false'),
    mongoUrl: connectionString(env, 'MONGODB_URL', ['mongodb', 'mongodb+srv'], 'mongodb://localhost:27017/survey?replicaSet=rs0'),
    namespace: namespace(env),
    http: httpLimits(env),
    tokenMaxLifetimeDays: integer(env, 'TOKEN_MAX_LIFETIME_DAYS', 30, 1, 3650),
    ...loadLimits(env),
    cases: {
      contactDays: integer(env, 'CASE_CONTACT_DAYS', DEFAULT_CASE_DAYS.contactDays, 1, 30),
      rectifyDays: integer(env, 'CASE_RECTIFY_DAYS', DEFAULT_CASE_DAYS.rectifyDays, 1, 250),
    },
    requests: requestConfig(env),
    observability: observability(env),
    notify: notifyConfig(env),
    caseProcesses: onOff(env, 'CASE_PROCESSES'),
    projectionFollowHoldMs: integer(env, 'PROJECTION_FOLLOW_HOLD_MS', 0, 0, 60_000),
  };
}

function onOff(env: Env, name: string): boolean {
  const value = env[name] || 'on';
  if (value !== 'on' && value !== 'off') throw new ConfigError(name, `must be on or off, got "${value}"`);
  return value === 'on';
}

function namespace(env: Env): string | undefined {
  const value = env.SURVEY_NAMESPACE;
  if (!value) return undefined;
  if (!/^[a-z0-9_-]{1,40}$/.test(value)) {
    throw new ConfigError('SURVEY_NAMESPACE', `must be 1-40 characters of a-z, 0-9, _ or -, got "${value}"`);
  }
  return value;
}
