/**
 * Catch-up subscription to $all for the EventStoreDB adapter. The server pushes events one by one;
 * this buffers them into batches (flushed when full, when the server says it caught up, or after a
 * short idle), hands the handler one batch at a time, and when the connection drops reopens the
 * server subscription after the last delivered position, with exponential backoff. An error that
 * no reconnect can cure (an invalid position, access denied, …: see ./esdb-errors.ts) stops it and
 * is reported through onError instead of being retried forever.
 */
import type { ReadPosition, ResolvedEvent } from '@eventstore/db-client';
import type { RecordedEvent, Subscription } from '../event-store.port';
import { isPermanent, readAllError } from './esdb-errors';
import { eventOf, StreamNamespace } from './esdb-events';
import { isAfter, resumeFrom } from './position';
import { PositionWaiters } from '../position-waiters';

/** What this needs of the client's AllStreamSubscription (a Readable in object mode). */
export interface CatchUpStream extends AsyncIterable<ResolvedEvent> {
  on(event: 'caughtUp', listener: () => void): unknown;
  unsubscribe(): Promise<void>;
}

export interface EsdbSubscriptionConfig {
  after: number;
  batchSize: number;
  /** Opens a server subscription; the adapter passes client.subscribeToAll with excludeSystemEvents(). */
  open: (from: ReadPosition) => CatchUpStream;
  /** Checks once, before the first read, that `after` is a position to resume from (throws if not). */
  verify?: (after: number) => Promise<void>;
  /** Which events are ours, and how they read through the port (defaults to no namespace). */
  namespace?: StreamNamespace;
  head: () => Promise<number>;
  handler: (events: RecordedEvent[]) => Promise<void>;
  onError?: (error: unknown) => void;
  onFinished: (subscription: EsdbSubscription) => void;
  log: (line: string) => void;
  idleMs: number;
  backoff: { initialMs: number; maxMs: number };
}

/** 0.5 s, 1 s, 2 s … capped: a restarting cluster is not hammered, a blip costs half a second. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
}

/** An error that must stop the subscription instead of triggering a reconnect. */
class Fatal {
  constructor(readonly cause: unknown) {}
}

type Step = { kind: 'next'; result: IteratorResult<ResolvedEvent> } | { kind: 'flush' } | { kind: 'stop' };

export class EsdbSubscription implements Subscription {
  private position: number;
  private stopping = false;
  private finished = false;
  private verified = false;
  private failure: unknown;
  private stopSignal!: () => void;
  private readonly stopped = new Promise<Step>((resolve) => (this.stopSignal = () => resolve({ kind: 'stop' })));
  private readonly waiters = new PositionWaiters();
  private readonly done: Promise<void>;

  constructor(private readonly config: EsdbSubscriptionConfig) {
    this.position = config.after;
    resumeFrom(config.after); // validates `after`
    if (!Number.isInteger(config.batchSize) || config.batchSize < 1) {
      throw new RangeError(`subscription batchSize must be a positive integer, got ${config.batchSize}`);
    }
    this.done = this.run();
  }

  stop(): Promise<void> {
    this.stopping = true;
    this.stopSignal();
    return this.done;
  }

  async caughtUp(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    const target = await this.config.head();
    if (this.position >= target) return;
    if (this.finished) throw new Error('subscription stopped before catching up');
    return this.waiters.wait(target);
  }

  private async run(): Promise<void> {
    await Promise.resolve(); // the handler never runs before subscribeToAll has returned
    let attempt = 0;
    try {
      while (!this.stopping) {
        try {
          if (!this.verified && this.config.verify) await this.config.verify(this.position);
          this.verified = true;
          await this.follow(() => (attempt = 0));
        } catch (error) {
          if (error instanceof Fatal) throw error.cause;
          if (isPermanent(error)) throw readAllError(error, this.position);
          if (this.stopping) break;
          const delay = backoffDelay(attempt++, this.config.backoff.initialMs, this.config.backoff.maxMs);
          this.config.log(
            `EventStoreDB subscription to $all dropped (${describe(error)}); reconnect attempt ${attempt} ` +
              `in ${delay} ms, resuming after position ${this.position}`,
          );
          await Promise.race([this.stopped, new Promise((r) => setTimeout(r, delay).unref())]);
        }
      }
    } catch (error) {
      this.stopping = true;
      this.failure = error;
      this.waiters.rejectAll(error);
      this.report(error);
    } finally {
      this.finished = true;
      this.waiters.rejectAll(new Error('subscription stopped before catching up'));
      this.config.onFinished(this);
    }
  }

  /** One server subscription, until stop (returns) or a drop (throws). Undelivered events are re-read on reconnect. */
  private async follow(healthy: () => void): Promise<void> {
    const source = this.config.open(resumeFrom(this.position));
    const iterator = source[Symbol.asyncIterator]();
    const namespace = this.config.namespace ?? new StreamNamespace();
    let flushNow = false;
    let wake: (() => void) | undefined;
    source.on('caughtUp', () => {
      flushNow = true;
      wake?.();
      healthy();
    });
    const buffer: RecordedEvent[] = [];
    let seen = this.position;
    let next: Promise<Step> | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      while (!this.stopping) {
        if (buffer.length > 0 && (flushNow || buffer.length >= this.config.batchSize)) {
          flushNow = false;
          await this.deliver(buffer.splice(0));
          continue;
        }
        next ??= iterator.next().then((result): Step => ({ kind: 'next', result }));
        const racers = [next, this.stopped];
        if (buffer.length > 0) {
          racers.push(new Promise<Step>((resolve) => {
            wake = () => resolve({ kind: 'flush' });
            timer = setTimeout(wake, this.config.idleMs);
          }));
        }
        const step = await Promise.race(racers);
        clearTimeout(timer);
        wake = undefined;
        if (step.kind === 'stop') return;
        if (step.kind === 'flush') {
          flushNow = true;
          continue;
        }
        next = undefined;
        if (step.result.done) throw new Error('the server ended the subscription');
        healthy();
        const event = eventOf(step.result.value);
        if (!event || !namespace.owns(event)) continue;
        try {
          if (!event.position || !isAfter(event.position, seen)) continue;
          buffer.push(namespace.recorded(event));
        } catch (error) {
          throw new Fatal(error); // an unreadable event would fail the same way after every reconnect
        }
        seen = buffer[buffer.length - 1].position;
      }
    } finally {
      clearTimeout(timer);
      next?.catch(() => undefined); // a read cut short by unsubscribe is expected, not unhandled
      await source.unsubscribe().catch(() => undefined);
    }
  }

  private async deliver(batch: RecordedEvent[]): Promise<void> {
    try {
      await this.config.handler(batch);
    } catch (error) {
      throw new Fatal(error);
    }
    this.position = batch[batch.length - 1].position;
    this.waiters.reached(this.position);
  }

  private report(error: unknown): void {
    if (this.config.onError) this.config.onError(error);
    else void Promise.reject(error); // no listener: an unhandled rejection rather than a silent stop
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
