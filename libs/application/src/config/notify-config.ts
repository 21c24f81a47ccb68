/**
 * The webhook outbox's configuration (NOTIFY_*): where notices are POSTed, the secret they are
 * signed with, and how failed deliveries are retried. Absent when NOTIFY_WEBHOOK_URL is unset: no
 * notice is sent then (the outbox does not follow the log at all).
 */
import { ConfigError, integer } from './config-error';

type Env = Record<string, string | undefined>;

export interface NotifyConfig {
  url: string;
  secret: string;
  /** Wait before the second try; doubles after each failure up to `backoffCapMs`. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** How long one POST may take before it counts as failed. */
  timeoutMs: number;
  /** Failed tries after which a notice is parked. */
  maxTries: number;
}

export const NOTIFY_DEFAULTS = { backoffBaseMs: 1000, backoffCapMs: 30_000, timeoutMs: 10_000, maxTries: 10 } as const;

export function notifyConfig(env: Env): NotifyConfig | undefined {
  const raw = env.NOTIFY_WEBHOOK_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('NOTIFY_WEBHOOK_URL', `must be an absolute http or https URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('NOTIFY_WEBHOOK_URL', `must be an http or https URL, got "${raw}"`);
  const secret = env.NOTIFY_WEBHOOK_SECRET ?? '';
  if (secret.length < 32) {
    throw new ConfigError('NOTIFY_WEBHOOK_SECRET', secret ? 'must be at least 32 characters' : 'is required with NOTIFY_WEBHOOK_URL (an HMAC-SHA256 key of at least 32 characters)');
  }
  return { url: url.href, secret, ...backoff(env), timeoutMs: integer(env, 'NOTIFY_TIMEOUT_MS', NOTIFY_DEFAULTS.timeoutMs, 100, 300_000), maxTries: NOTIFY_DEFAULTS.maxTries };
}

/** NOTIFY_BACKOFF_MS=`base,cap`, e.g. `1000,30000` (the default); tests shorten it. */
function backoff(env: Env): { backoffBaseMs: number; backoffCapMs: number } {
  const raw = env.NOTIFY_BACKOFF_MS;
  if (raw === undefined || raw === '') return { backoffBaseMs: NOTIFY_DEFAULTS.backoffBaseMs, backoffCapMs: NOTIFY_DEFAULTS.backoffCapMs };
  const match = /^(\d{1,7}),(\d{1,7})$/.exec(raw);
  const [base, cap] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!match || base < 1 || cap < base) throw new ConfigError('NOTIFY_BACKOFF_MS', `must be "base,cap" in milliseconds with 1 ≤ base ≤ cap, e.g. 1000,30000, got "${raw}"`);
  return { backoffBaseMs: base, backoffCapMs: cap };
}
