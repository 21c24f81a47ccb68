/**
 * How long a failed projection waits before its next attempt: doubling from `firstMs`, capped at
 * `maxMs`, so a projection that fails for good costs one attempt a minute, not a storm of restarts.
 */
export interface RetryPolicy {
  firstMs: number;
  maxMs: number;
}

export const PROJECTION_RETRY: RetryPolicy = { firstMs: 1000, maxMs: 60_000 };

/** The wait before attempt `attempt + 1`, after `attempt` (≥ 1) failures in a row. */
export function retryDelayMs(attempt: number, policy: RetryPolicy = PROJECTION_RETRY): number {
  return Math.min(policy.maxMs, policy.firstMs * 2 ** Math.min(attempt - 1, 30));
}
