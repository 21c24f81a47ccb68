/**
 * One notice to the webhook, tried until it is delivered or has failed `maxTries` times: a POST of
 * the stored body with its Idempotency-Key and its X-Signature (HMAC-SHA256 of those exact bytes),
 * through Node's fetch with a timeout per try; a 2xx answer delivers it, anything else (another
 * status, a refused connection, no answer in time) is a failed try, followed by a wait that starts
 * at the backoff's base and doubles up to its cap.
 */
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NotifyConfig } from '../config/notify-config';
import { retryDelayMs } from '../projections/retry-delay';
import type { Notice } from './notice';

export type Delivery = { delivered: true; tries: number } | { delivered: false; tries: number; lastError: string };

/** `sha256=` and the lower-case hex HMAC-SHA256 of the raw body: what a receiver recomputes. */
export const signatureOf = (body: string, secret: string): string => `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

/** Tries until delivered or out of tries; throws (an AbortError) only when `stop` aborts, the notice then neither delivered nor parked. */
export async function deliver(notice: Notice, config: NotifyConfig, stop: AbortSignal, onFailure?: (tries: number, error: string) => void): Promise<Delivery> {
  for (let tries = 1; ; tries++) {
    stop.throwIfAborted();
    const error = await postOnce(notice, config, stop);
    if (error === null) return { delivered: true, tries };
    stop.throwIfAborted();
    onFailure?.(tries, error);
    if (tries >= config.maxTries) return { delivered: false, tries, lastError: error };
    await sleep(retryDelayMs(tries, { firstMs: config.backoffBaseMs, maxMs: config.backoffCapMs }), undefined, { signal: stop });
  }
}

/** One POST: null when the receiver took it (2xx), else what went wrong, in one line. */
async function postOnce(notice: Notice, config: NotifyConfig, stop: AbortSignal): Promise<string | null> {
  const timeout = AbortSignal.timeout(config.timeoutMs);
  try {
    const response = await fetch(config.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'idempotency-key': notice.key,
        'x-signature': signatureOf(notice.body, config.secret),
      },
      body: notice.body,
      // A redirect is the receiver's misconfiguration: following it would send the notice elsewhere.
      redirect: 'manual',
      signal: AbortSignal.any([timeout, stop]),
    });
    await response.arrayBuffer().catch(() => undefined); // read it to the end, so the connection is reused
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    if (timeout.aborted) return `no answer within ${config.timeoutMs} ms`;
    if (stop.aborted) throw error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (error as Error).message;
  }
}
