/**
 * The deadline scheduler of the closed loop: appends RectificationDeadlineMissed when a case's
 * contact or rectify deadline passes with its step not done, and RequestDeadlineMissed for a
 * request's dispatch, accept or resolve deadline (with `due` as recorded, however late it notices:
 * after a restart it appends the ones that passed while the service was down); closes a case whose
 * enterprise gave no follow-up within its seven days (`followUp: null`), and a request whose answer
 * was not rated within its seven (`not-rated`).
 *
 * The deadlines are in the events: it follows the log from the start, folding the cases' and the
 * requests' events into the open items its sources keep in memory (./case-deadlines.ts,
 * ../requests/request-deadlines.ts; the domain's evolve, nothing stored, so nothing to go stale),
 * indexed by when each is next due, and a timer only wakes it to take what the clock has reached
 * (never a walk over every open item on the event loop that answers HTTP). Every append goes
 * through the item's decider at the stream's expected revision, and a missed deadline carries a
 * deterministic id (caseDeadlineMissedEventId, requestDeadlineMissedEventId): two schedulers (two
 * processes on one store) or a restart record each deadline at most once.
 *
 * Its catch-up is a subscription like the others, so it folds in batches that let the event loop
 * answer between them (@survey/event-store's FeedSubscription); a pass takes PASS_LIMIT items at
 * a time, a turn of the loop between them, so the first pass on a fresh log (every
 * case of 2019 overdue on today's clock: ~84,000 on the bench's log) is many short ones rather
 * than one burst. Readiness lists it as catching up until it has folded the log's head and nothing
 * is due by the clock that it has not recorded (`settled`).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { LoopActor } from '@survey/domain';
import { EVENT_STORE, EventStore, RecordedEvent, Subscription } from '@survey/event-store';
import { LogFollowers } from '../health/log-followers';
import { retryDelayMs } from '../projections/retry-delay';
import { pool } from '../runtime/pool';
import { RequestDeadlines } from '../requests/request-deadlines';
import { RequestRuntime } from '../requests/request-runtime';
import { CaseDeadlines } from './case-deadlines';
import type { DeadlineSource } from './open-items';
import { CaseRuntime } from './case-runtime';

export const DEADLINE_SCHEDULER = 'deadline-scheduler';
const SYSTEM: LoopActor = { role: 'system', sub: DEADLINE_SCHEDULER };
const PAGE = 500;
const PASS_CONCURRENCY = 64;
/** Most items one round of a pass takes; more due than that are taken by the rounds that follow, a turn of the event loop apart. */
const PASS_LIMIT = 1000;

type Item = { source: DeadlineSource; id: string };

@Injectable()
export class DeadlineScheduler {
  private readonly logger = new Logger('DeadlineScheduler');
  private readonly sources: DeadlineSource[];
  private position = 0;
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private failures = 0;
  /** Passes asked for and not finished. */
  private passes = 0;
  /** How often the timer compares the deadlines with the clock (cheap: a pass takes only what is due from the sources' index). */
  everyMs = 1000;
  /** Most items one round of a pass takes (tests set it low). */
  passLimit = PASS_LIMIT;
  /**
   * Most due items a pass works on at once (their appends share group commits). The demo's loop,
   * which waits for each pass at its turns and has no HTTP to answer meanwhile, takes more.
   */
  passConcurrency = PASS_CONCURRENCY;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly cases: CaseRuntime,
    // Absent only where a test follows cases alone.
    @Optional() requests?: RequestRuntime,
    @Optional() private readonly followers?: LogFollowers,
  ) {
    this.sources = [new CaseDeadlines(cases), ...(requests ? [new RequestDeadlines(requests)] : [])];
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.followers?.add({ name: DEADLINE_SCHEDULER, followedTo: () => this.position, settled: () => this.settled() });
    this.subscription = this.events.subscribeToAll({ after: this.position, batchSize: PAGE }, async (batch) => this.fold(batch), (error) => this.failed(error));
    try {
      await this.subscription.caughtUp();
    } catch (error) {
      // Stopped (the process drains) while it caught up on a long log: nothing failed.
      if (this.stopped) return;
      throw error;
    }
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.subscription?.stop();
    await this.running;
  }

  /** Records what is due by the clock now; one pass at a time. Resolves when this pass is done. */
  tick(): Promise<void> {
    this.passes++;
    this.running = this.running
      .then(() => this.pass())
      .catch((error: unknown) => {
        this.logger.error(`deadline pass failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => this.passes--);
    return this.running;
  }

  /** No pass running or asked for, and nothing due by the clock that is not recorded (what it has folded so far). */
  settled(): boolean {
    if (this.passes > 0 || !this.subscription) return false;
    const next = this.sources.map((s) => s.nextDue()).filter((ms): ms is number => ms !== null);
    return next.every((ms) => ms > this.cases.now().getTime());
  }

  /** Resolves once the scheduler has folded the log up to `position`. */
  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp();
  }

  private fold(batch: RecordedEvent[]): void {
    for (const event of batch) for (const source of this.sources) source.fold(event);
    this.position = batch[batch.length - 1].position;
    this.failures = 0;
  }

  /**
   * Everything due by now, `passLimit` items at a time, a turn of the event loop between them. The
   * items handled are indexed again only when the pass ends, so a later round never takes one whose
   * appended events are not folded yet; one still due then (its append failed, or its events not
   * folded) is the next tick's.
   */
  private async pass(): Promise<void> {
    const now = this.cases.now();
    const handled: Item[] = [];
    try {
      for (;;) {
        if (this.stopped) return;
        const { taken, failed } = await this.round(now, handled);
        if (taken < this.passLimit || failed > 0) return;
        await nextTurn();
      }
    } finally {
      for (const { source, id } of handled) source.reschedule(id);
    }
  }

  private async round(now: Date, handled: Item[]): Promise<{ taken: number; failed: number }> {
    // Only the items due by now (the sources' due index): a pass costs what is due, not what is open.
    const work: Item[] = [];
    for (const source of this.sources) {
      for (const id of source.takeDue(now, this.passLimit - work.length)) work.push({ source, id });
    }
    let failed = 0;
    // Distinct items at once (bounded), so their appends share the event store's group commit.
    await pool(work, this.passConcurrency, async ({ source, id }) => {
      try {
        if (!this.stopped) await source.dueOn(id, now, SYSTEM);
      } catch (error) {
        // One item's failure (a store error) must not keep the others' deadlines from being recorded: the next tick tries again.
        failed++;
        this.logger.error(`deadlines of ${source.kind} ${id}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        handled.push({ source, id });
      }
    });
    return { taken: work.length, failed };
  }

  /** The next moment something falls due that is not recorded yet (tests and logs; the timer does not depend on it). */
  nextDue(): string | null {
    const dues = this.sources.map((s) => s.nextDue()).filter((ms): ms is number => ms !== null);
    return dues.length ? new Date(Math.min(...dues)).toISOString() : null;
  }

  private failed(error: unknown): void {
    this.subscription = undefined;
    if (this.stopped) return;
    const delay = retryDelayMs(++this.failures);
    this.logger.error(`deadline scheduler stopped at position ${this.position}: ${error instanceof Error ? error.message : String(error)}; again in ${delay} ms`);
    clearInterval(this.timer);
    setTimeout(() => {
      if (!this.stopped) this.start().catch((e: unknown) => this.failed(e));
    }, delay).unref();
  }
}
