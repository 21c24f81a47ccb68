/**
 * The deadline scheduler: appends RectificationDeadlineMissed when a case's contact or rectify
 * deadline passes with its step not done (with `due` as recorded, however late it notices: after a
 * restart it appends the ones that passed while the service was down), and closes a case whose
 * enterprise gave no follow-up within its seven days (`followUp: null`).
 *
 * The deadlines are in the events: it follows the log from the start, folding the cases' events
 * into the open cases it keeps in memory (the domain's evolveCase; nothing stored, so nothing to
 * go stale), and a timer only wakes it to compare them with the clock. Every append goes through
 * the case's decider at the stream's expected revision, and a missed deadline carries a
 * deterministic id (caseDeadlineMissedEventId): two schedulers (two processes on one store) or a
 * restart record each deadline at most once.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { evolveCase, followUpDue, initialCaseState, LoopActor, missedCaseDeadlines, OpenedCase, pendingCaseDeadlines, RectificationEvent } from '@survey/domain';
import { EVENT_STORE, EventStore, RecordedEvent, Subscription } from '@survey/event-store';
import { retryDelayMs } from '../projections/retry-delay';
import type { CommandMeta } from '../runtime/command-meta';
import { pool } from '../runtime/pool';
import { CaseRuntime } from './case-runtime';

export const DEADLINE_SCHEDULER = 'deadline-scheduler';
const SYSTEM: LoopActor = { role: 'system', sub: DEADLINE_SCHEDULER };
const PAGE = 500;
const PASS_CONCURRENCY = 64;

@Injectable()
export class DeadlineScheduler {
  private readonly logger = new Logger('DeadlineScheduler');
  /** Open cases by id, as folded from their events (a Map: ids are event ids, but never a plain object's keys). */
  private readonly open = new Map<string, OpenedCase>();
  private position = 0;
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private failures = 0;
  /** How often the timer compares the deadlines with the clock (cheap: nothing is read when nothing is due). */
  everyMs = 1000;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly cases: CaseRuntime,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.subscription = this.events.subscribeToAll({ after: this.position, batchSize: PAGE }, async (batch) => this.fold(batch), (error) => this.failed(error));
    await this.subscription.caughtUp();
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
    this.running = this.running.then(() => this.pass()).catch((error: unknown) => {
      this.logger.error(`deadline pass failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.running;
  }

  /** Resolves once the scheduler has folded the log up to `position`. */
  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp();
  }

  private fold(batch: RecordedEvent[]): void {
    for (const event of batch) {
      if (!event.stream.startsWith('rectification-')) continue;
      const e = event as RecordedEvent & RectificationEvent;
      const state = evolveCase(this.open.get(e.data.caseId) ?? initialCaseState(), e);
      if (state.exists && state.status !== 'closed') this.open.set(state.caseId, state);
      else this.open.delete(e.data.caseId);
    }
    this.position = batch[batch.length - 1].position;
    this.failures = 0;
  }

  private async pass(): Promise<void> {
    if (this.stopped) return;
    const now = this.cases.now();
    const due = [...this.open.values()].filter((state) => this.hasDue(state, now));
    // Distinct cases at once (bounded), so their appends share the event store's group commit.
    await pool(due, PASS_CONCURRENCY, async (state) => {
      if (this.stopped) return;
      try {
        await this.dueOn(state, now);
      } catch (error) {
        // One case's failure (a store error) must not keep the others' deadlines from being recorded: the next pass tries again.
        this.logger.error(`deadlines of case ${state.caseId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }

  private hasDue(state: OpenedCase, now: Date): boolean {
    const followUp = followUpDue(state);
    return missedCaseDeadlines(state, now).length > 0 || (followUp !== null && Date.parse(followUp) <= now.getTime());
  }

  /** The case as folded here may be behind its stream: the decider, on a fresh load, records only what is still due. */
  private async dueOn(state: OpenedCase, now: Date): Promise<void> {
    const meta: CommandMeta = { actor: SYSTEM, correlationId: randomUUID() };
    for (const missed of missedCaseDeadlines(state, now)) {
      await this.cases.execute(state.caseId, { type: 'MarkCaseDeadlineMissed', data: { caseId: state.caseId, deadline: missed.deadline, round: missed.round } }, SYSTEM, meta);
    }
    const due = followUpDue(state);
    if (due !== null && Date.parse(due) <= now.getTime()) {
      await this.cases.execute(state.caseId, { type: 'CloseWithoutFollowUp', data: { caseId: state.caseId } }, SYSTEM, meta);
    }
  }

  /** The next moment something is due (tests and logs; the timer does not depend on it). */
  nextDue(): string | null {
    const dues = [...this.open.values()].flatMap((s) => [...pendingCaseDeadlines(s).map((d) => d.due), ...(followUpDue(s) ? [followUpDue(s)!] : [])]);
    return dues.length ? dues.sort()[0] : null;
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
