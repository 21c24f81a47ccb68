/**
 * Promises that resolve once a log position has been reached: what `caughtUp()` of a
 * subscription and `waitFor()` of a projector hand out. Rejected all at once when the thing
 * that advances the position stops or fails.
 */
interface Waiter {
  target: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class PositionWaiters {
  private waiters: Waiter[] = [];

  /** Resolves once `reached(p)` is called with p ≥ target; with a timeout, rejects with `message()` after it. */
  wait(target: number, timeout?: { ms: number; message: () => string }): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = timeout && setTimeout(() => this.drop(waiter, new Error(timeout.message())), timeout.ms);
      const waiter: Waiter = {
        target,
        resolve: () => (clearTimeout(timer), resolve()),
        reject: (error) => (clearTimeout(timer), reject(error)),
      };
      this.waiters.push(waiter);
    });
  }

  reached(position: number): void {
    const ready = this.waiters.filter((w) => w.target <= position);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.target > position);
    for (const w of ready) w.resolve();
  }

  rejectAll(error: unknown): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(error);
  }

  private drop(waiter: Waiter, error: Error): void {
    this.waiters = this.waiters.filter((w) => w !== waiter);
    waiter.reject(error);
  }
}
