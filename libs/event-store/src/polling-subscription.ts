/**
 * Catch-up subscription over a log that can be read synchronously (the SQLite adapter): reads
 * batches after a position, hands them to the handler one at a time, and once caught up sleeps
 * until the store signals a commit of its own or a poll timer fires (for other processes' commits).
 */
import type { RecordedEvent, Subscription, SubscriptionOptions } from './event-store.port';
import { PositionWaiters } from './position-waiters';

export interface SyncLogReader {
  read(after: number, limit: number): RecordedEvent[];
  head(): number;
}

export class PollingSubscription implements Subscription {
  private position: number;
  private readonly batchSize: number;
  private stopping = false;
  private finished = false;
  private wake: (() => void) | undefined;
  private readonly waiters = new PositionWaiters();
  private readonly done: Promise<void>;

  constructor(
    private readonly log: SyncLogReader,
    options: SubscriptionOptions,
    private readonly handler: (events: RecordedEvent[]) => Promise<void>,
    private readonly onError: ((error: unknown) => void) | undefined,
    private readonly pollIntervalMs: number,
    private readonly onFinished: (subscription: PollingSubscription) => void,
  ) {
    this.position = options.after;
    this.batchSize = options.batchSize ?? 1000;
    if (!Number.isInteger(this.position) || this.position < 0) {
      throw new RangeError(`subscription 'after' must be a non-negative integer, got ${options.after}`);
    }
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`subscription batchSize must be a positive integer, got ${options.batchSize}`);
    }
    this.done = this.run();
  }

  /** Called by the store after each committed flush. */
  notify(): void {
    this.wake?.();
  }

  stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    return this.done;
  }

  async caughtUp(): Promise<void> {
    const target = this.log.head();
    if (this.position >= target) return;
    if (this.finished) throw new Error('subscription stopped before catching up');
    return this.waiters.wait(target);
  }

  private async run(): Promise<void> {
    // Yield first, so the handler never runs before subscribeToAll has returned the subscription.
    await Promise.resolve();
    try {
      while (!this.stopping) {
        const batch = this.log.read(this.position, this.batchSize);
        if (batch.length === 0) {
          this.waiters.reached(this.position);
          await this.idle();
          continue;
        }
        await this.handler(batch);
        this.position = batch[batch.length - 1].position;
        this.waiters.reached(this.position);
      }
    } catch (error) {
      this.stopping = true;
      this.waiters.rejectAll(error);
      this.report(error);
    } finally {
      this.finished = true;
      this.waiters.rejectAll(new Error('subscription stopped before catching up'));
      this.onFinished(this);
    }
  }

  /** Sleeps until a local commit or the poll timer; the timer is cleared on wake so stop() leaves nothing pending. */
  private idle(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      timer = setTimeout(resolve, this.pollIntervalMs);
    }).finally(() => {
      clearTimeout(timer);
      this.wake = undefined;
    });
  }

  private report(error: unknown): void {
    if (this.onError) {
      this.onError(error);
      return;
    }
    // No listener: surface it as an unhandled rejection rather than lose it.
    void Promise.reject(error);
  }
}
