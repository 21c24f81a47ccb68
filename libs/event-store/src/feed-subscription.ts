/**
 * One catch-up subscription of the SQLite store, fed by the store's LogFeed (./log-feed.ts): asks
 * the feed for the batch after its own position, hands it to the handler, and once at the head
 * sleeps until the feed wakes it (a commit of this store, or the poll for other processes').
 * Its position, batch size and pace are its own; what it reads at the head it shares.
 *
 * A full batch means more is waiting (catching up on a long log): before the next one it lets the
 * event loop run what is queued (HTTP requests, worker replies, timers), one catch-up batch of the
 * process per turn (./event-loop-turns.ts). The reads and the handlers resolve through microtasks
 * alone, so without that yield the catch-up of a fresh API on a million-event log held the loop for
 * the whole ~45 s: nothing answered, and each `start()` that awaited a worker's reply waited behind
 * it (issue 16, the start-up).
 */
import { nextTurn } from './event-loop-turns';
import type { RecordedEvent, Subscription, SubscriptionOptions } from './event-store.port';
import type { FeedMember, LogFeed } from './log-feed';
import { PositionWaiters } from './position-waiters';

export class FeedSubscription implements Subscription, FeedMember {
  private at: number;
  private readonly batchSize: number;
  private readonly hashes: boolean;
  private stopping = false;
  private finished = false;
  private wakeUp: (() => void) | undefined;
  private readonly waiters = new PositionWaiters();
  private readonly done: Promise<void>;

  constructor(
    private readonly feed: LogFeed,
    private readonly head: () => number,
    options: SubscriptionOptions,
    private readonly handler: (events: RecordedEvent[]) => Promise<void>,
    private readonly onError: ((error: unknown) => void) | undefined,
    private readonly onFinished: (subscription: FeedSubscription) => void,
  ) {
    this.at = options.after;
    this.batchSize = options.batchSize ?? 1000;
    this.hashes = options.hashes === true;
    if (!Number.isInteger(this.at) || this.at < 0) {
      throw new RangeError(`subscription 'after' must be a non-negative integer, got ${options.after}`);
    }
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`subscription batchSize must be a positive integer, got ${options.batchSize}`);
    }
    feed.join(this);
    this.done = this.run();
  }

  /** The last position handed to the handler and handled. */
  get position(): number {
    return this.at;
  }

  /** Called by the feed when there may be more to read. */
  wake(): void {
    this.wakeUp?.();
  }

  stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    return this.done;
  }

  async caughtUp(): Promise<void> {
    const target = this.head();
    if (this.at >= target) return;
    if (this.finished) throw new Error('subscription stopped before catching up');
    return this.waiters.wait(target);
  }

  private async run(): Promise<void> {
    // Yield first, so the handler never runs before subscribeToAll has returned the subscription.
    await Promise.resolve();
    try {
      while (!this.stopping) {
        const batch = this.feed.next(this.at, this.batchSize, this.hashes);
        if (batch.length === 0) {
          this.waiters.reached(this.at);
          await this.idle();
          continue;
        }
        await this.handler(batch);
        this.at = batch[batch.length - 1].position;
        this.waiters.reached(this.at);
        if (batch.length >= this.batchSize) await nextTurn();
      }
    } catch (error) {
      this.stopping = true;
      this.waiters.rejectAll(error);
      this.report(error);
    } finally {
      this.finished = true;
      this.feed.leave(this);
      this.waiters.rejectAll(new Error('subscription stopped before catching up'));
      this.onFinished(this);
    }
  }

  /** Sleeps until the feed wakes it or stop() does. */
  private idle(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.wakeUp = resolve;
      this.feed.sleep(this);
    }).finally(() => (this.wakeUp = undefined));
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
