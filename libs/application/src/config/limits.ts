/**
 * How much of the service one client may take: how many log replays run at once (each on a worker
 * thread) and wait for one, and the request rates per token subject and per IP. From the
 * environment like the rest of the configuration (config.ts); a bad value names its variable.
 */
import { ConfigError } from './config-error';

/** `points` a `seconds`-long window, and up to `burst` at once (burst = points: no burst). */
export interface Rate {
  points: number;
  seconds: 1 | 60;
  burst: number;
}

export interface RateLimits {
  /** Writes of one enterprise (its credit code). */
  enterpriseWrites: Rate | null;
  /** Writes of one analyst, auditor or admin. */
  staffWrites: Rate | null;
  /** As-of reports and verifications of one subject. */
  replays: Rate | null;
  /** Routes without a token, per client IP (`/v1/health*` is never limited). */
  publicPerIp: Rate | null;
}

export interface ReplayLimits {
  /** Replays that run at once, each on its own worker thread. */
  workers: number;
  /** Replays that may wait for a worker; one more is refused with 503 and Retry-After. */
  queue: number;
}

export interface Limits {
  replays: ReplayLimits;
  rateLimits: RateLimits;
}

export const DEFAULT_LIMITS: Limits = {
  replays: { workers: 2, queue: 8 },
  rateLimits: {
    enterpriseWrites: { points: 10, seconds: 1, burst: 30 },
    staffWrites: { points: 100, seconds: 1, burst: 300 },
    replays: { points: 10, seconds: 60, burst: 10 },
    publicPerIp: { points: 100, seconds: 1, burst: 100 },
  },
};

type Env = Record<string, string | undefined>;

const RATE = /^(\d{1,7})\/(s|min)(?:,(\d{1,7}))?$/;

/** `10/s,30` (10 a second, bursts of 30), `10/min`, or `off`; unset → the default. */
export function parseRate(env: Env, name: string, fallback: Rate | null): Rate | null {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'off') return null;
  const match = RATE.exec(raw);
  const points = Number(match?.[1]);
  const burst = match?.[3] === undefined ? points : Number(match[3]);
  if (!match || points < 1 || burst < points) {
    throw new ConfigError(name, `must be a rate such as 10/s, 10/min or 10/s,30 (a burst no smaller than the rate), or off, got "${raw}"`);
  }
  return { points, seconds: match[2] === 's' ? 1 : 60, burst };
}

function count(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${raw}"`);
  return Number(raw);
}

export function loadLimits(env: Env): Limits {
  const rates = DEFAULT_LIMITS.rateLimits;
  return {
    replays: {
      workers: count(env, 'REPLAY_WORKERS', DEFAULT_LIMITS.replays.workers, 1, 64),
      queue: count(env, 'REPLAY_QUEUE', DEFAULT_LIMITS.replays.queue, 0, 10_000),
    },
    rateLimits: {
      enterpriseWrites: parseRate(env, 'RATE_LIMIT_ENTERPRISE_WRITES', rates.enterpriseWrites),
      staffWrites: parseRate(env, 'RATE_LIMIT_STAFF_WRITES', rates.staffWrites),
      replays: parseRate(env, 'RATE_LIMIT_REPLAYS', rates.replays),
      publicPerIp: parseRate(env, 'RATE_LIMIT_PUBLIC', rates.publicPerIp),
    },
  };
}
