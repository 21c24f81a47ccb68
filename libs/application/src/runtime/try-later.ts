/**
 * A request refused for now, not for what it asks: too many of the caller's requests (429), or the
 * capacity for this work taken (503). The HTTP edge answers with the status and `Retry-After`.
 */
export class TryLater extends Error {
  /** Whole seconds, 1 to 60. */
  readonly retryAfterSeconds: number;

  constructor(readonly status: 429 | 503, message: string, retryAfterMs: number) {
    super(message);
    this.name = 'TryLater';
    this.retryAfterSeconds = Math.min(60, Math.max(1, Math.ceil(retryAfterMs / 1000)));
  }
}
