/**
 * One read of the log's new events for every subscription of a SQLite store (issue 16, lever 2).
 * The feed keeps the log's recent tail in a bounded window: when a subscription at the tail asks
 * for more after a commit (or a poll, for other processes' commits), the feed reads the new range
 * once, parses it once, freezes it, and every other subscription at that place takes the same
 * events from the window. Each subscription keeps its own position, batch size and pace; one that
 * is behind the window (at start, or so slow the window moved on) catches up on reads of its own,
 * bounded by the window's start, and then takes from the window like the others.
 */
import type { RecordedEvent } from './event-store.port';

export interface LogRanges {
  /** Up to `limit` events after `after`, with their chain hashes (the window serves both kinds of subscriber). */
  readTail(after: number, limit: number): { events: RecordedEvent[]; hashes: (string | undefined)[] };
  /** A subscription's own catch-up read: up to `limit` events with `after` < position ≤ `upTo`. */
  readRange(after: number, upTo: number, limit: number, hashes: boolean): RecordedEvent[];
  head(): number;
}

/** What the feed needs of a subscription: where it is, and a way to wake it. */
export interface FeedMember {
  readonly position: number;
  wake(): void;
}

export interface LogFeedOptions {
  /** Most events one shared read takes. */
  readLimit?: number;
  /** Most events the window keeps: a slow subscription costs reads of its own, never unbounded memory. */
  windowLimit?: number;
}

export class LogFeed {
  /** The window holds the events with start < position ≤ tail, in order. */
  private start = 0;
  private tail = 0;
  private events: RecordedEvent[] = [];
  private hashes: (string | undefined)[] = [];
  /** Frozen copies carrying the hash, made once for all subscriptions that asked for hashes. */
  private hashed: (RecordedEvent | undefined)[] = [];
  /** A commit (or the poll) may have added events after the tail. */
  private stale = true;
  private readonly members = new Set<FeedMember>();
  private readonly sleeping = new Set<FeedMember>();
  private timer: NodeJS.Timeout | undefined;
  private readonly readLimit: number;
  private readonly windowLimit: number;

  constructor(
    private readonly log: LogRanges,
    private readonly pollIntervalMs: number,
    options: LogFeedOptions = {},
  ) {
    this.readLimit = options.readLimit ?? 1000;
    this.windowLimit = Math.max(options.windowLimit ?? 10_000, this.readLimit);
  }

  join(member: FeedMember): void {
    // The first subscription of an idle feed starts the window at the head: whoever is behind it
    // reads on its own, as a rebuild would, without freezing or sharing what nobody else needs.
    if (this.members.size === 0) {
      this.restartAt(this.log.head());
      this.stale = false; // the head was just read: a later commit's notice (or the poll) says when there is more
    }
    this.members.add(member);
  }

  leave(member: FeedMember): void {
    this.members.delete(member);
    this.sleeping.delete(member);
    if (this.members.size === 0) this.restartAt(0);
    if (this.sleeping.size === 0) this.clearTimer();
  }

  /** The store committed events of its own, to be read. */
  notify(): void {
    this.stale = true;
    this.wakeAll();
  }

  /** Whether events committed right after `after` would extend the window: someone follows the log, and the window ends there. */
  follows(after: number): boolean {
    return this.members.size > 0 && after === this.tail;
  }

  /**
   * The store committed these events at the positions right after the window's tail (follows() said
   * so, and its writer saw no other process's rows among them): the window takes them as a read
   * would have given them, without the read.
   */
  extend(events: RecordedEvent[], hashes: (string | undefined)[]): void {
    if (events.length === 0 || events[0].position !== this.tail + 1) throw new Error(`log feed: events after ${this.tail} expected, got ${events[0]?.position}`);
    this.push(events, hashes);
    this.wakeAll();
  }

  /**
   * The next events after `position`, at most `limit`: from the window, from a shared read of the
   * tail, or (behind the window) from a read of the caller's own. [] once the caller is at the head.
   */
  next(position: number, limit: number, hashes: boolean): RecordedEvent[] {
    let from = position;
    if (from < this.start) {
      const own = this.log.readRange(from, this.start, limit, hashes);
      if (own.length > 0) return own;
      from = this.start; // nothing between: what follows the position is what follows the window's start
    }
    // Only a subscription that asked to start after the head gets here; nobody needs the window.
    if (from > this.tail) this.restartAt(from);
    if (from === this.tail && this.stale) this.readTail();
    return this.slice(from, limit, hashes);
  }

  /** Wakes `member` on the next commit notice or poll; it then asks `next` again. */
  sleep(member: FeedMember): void {
    this.sleeping.add(member);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.stale = true; // another process may have committed
      this.wakeAll();
    }, this.pollIntervalMs);
  }

  private wakeAll(): void {
    const sleepers = [...this.sleeping];
    this.sleeping.clear();
    this.clearTimer();
    for (const member of sleepers) member.wake();
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readTail(): void {
    const { events, hashes } = this.log.readTail(this.tail, this.readLimit);
    // A short read reached the head: nothing more until the next notice.
    if (events.length < this.readLimit) this.stale = false;
    if (events.length > 0) this.push(events, hashes);
  }

  private push(events: RecordedEvent[], hashes: (string | undefined)[]): void {
    for (const event of events) deepFreeze(event);
    this.events.push(...events);
    this.hashes.push(...hashes);
    this.hashed.push(...new Array<undefined>(events.length));
    this.tail = events[events.length - 1].position;
    const excess = this.events.length - this.windowLimit;
    if (excess > 0) {
      this.start = this.events[excess - 1].position;
      this.events.splice(0, excess);
      this.hashes.splice(0, excess);
      this.hashed.splice(0, excess);
    }
  }

  private slice(after: number, limit: number, hashes: boolean): RecordedEvent[] {
    const first = this.indexAfter(after);
    const end = Math.min(first + limit, this.events.length);
    if (!hashes) return this.events.slice(first, end);
    const batch: RecordedEvent[] = [];
    for (let i = first; i < end; i++) batch.push((this.hashed[i] ??= this.withHash(i)));
    return batch;
  }

  private withHash(i: number): RecordedEvent {
    const hash = this.hashes[i];
    return hash === undefined ? this.events[i] : Object.freeze({ ...this.events[i], hash });
  }

  /** Index of the first event in the window with a position greater than `after` (binary search). */
  private indexAfter(after: number): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.events[mid].position <= after) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private restartAt(position: number): void {
    this.start = this.tail = position;
    this.events = [];
    this.hashes = [];
    this.hashed = [];
    this.stale = true;
  }
}

/** Shared events must not change under the other subscriptions: a write to one throws in strict code. */
function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
}
