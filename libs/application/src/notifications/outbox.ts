/**
 * The webhook outbox: a checkpointed subscription over the log that POSTs a notice for each event
 * that calls for one (./subjects.ts) and a reminder for each deadline whose last day has begun,
 * one at a time and in order: a notice is delivered, or parked after its last try, before the next
 * is tried (./webhook.ts). Runs wherever the projections run (the API in-process, apps/projector),
 * and only with NOTIFY_WEBHOOK_URL set.
 *
 * Durable state, in the read-model store under its own name (no projection: a rebuild never resets
 * it): its checkpoint, each open case's and request's subject (the deadlines it waits on and the
 * reminders already sent) and the parked notices, committed together in one transaction after each
 * notice. A crash between a delivery and its commit sends that notice again after the restart,
 * under the same key (at least once); a committed one is never sent again.
 */
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { EVENT_STORE, EventStore, RecordedEvent, Subscription } from '@survey/event-store';
import { Checkpoint, DocChange, READ_MODEL_STORE, ReadModelStore } from '@survey/read-models';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { NotifyConfig } from '../config/notify-config';
import { LogFollowers } from '../health/log-followers';
import { MetricsService } from '../observability/metrics.service';
import { CLOCK, Clock } from '../runtime/clock';
import { Notice, NoticeBody, toNotice } from './notice';
import { NotificationRetryRequested, OUTBOX, PARKED, ParkedNotice } from './parked';
import { SUBJECTS, subjectFromDoc, subjectToDoc } from './subject-doc';
import { dueReminders, finished, foldSubject, newSubject, nextReminderAt, reminderNotice, Subject, subjectKey, subjectOf } from './subjects';
import { deliver } from './webhook';

const BATCH = 250;
/** The longest the reminder timer sleeps: it also catches a clock that jumped. */
const MAX_SLEEP_MS = 60_000;
/** A checkpoint that moved past events calling for nothing is stored at most this often. */
const IDLE_COMMIT_MS = 1000;
/** How soon the reminder timer looks again when reminders were due but the outbox was behind the log. */
const BEHIND_RETRY_MS = 1000;
/** The outbox's label in the metrics (survey_outbox_backlog, survey_outbox_parked). */
const METRICS_NAME = 'webhook';

@Injectable()
export class NotificationOutbox implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly notify?: NotifyConfig;
  private readonly publicUrl: string;
  private subjects = new Map<string, Subject>();
  private checkpoint: Checkpoint = { position: 0, recordedAt: null };
  private committedPosition = 0;
  private lastCommitAt = 0;
  private changes = new Map<string, DocChange>();
  private nextWake: number | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private readonly stop = new AbortController();
  /** Parked notices as committed, for the metrics (the store's PARKED collection is the truth). */
  private parkedCount = 0;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly metrics?: MetricsService,
    @Optional() private readonly followers?: LogFollowers,
  ) {
    this.notify = config.notify;
    this.publicUrl = config.publicUrl;
  }

  get enabled(): boolean {
    return this.notify !== undefined;
  }

  /** The log position of the last event handled (its notice delivered or parked). */
  get position(): number {
    return this.checkpoint.position;
  }

  /** Resolves once the work in hand (a batch, its reminders) is done. */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.notify) await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    clearTimeout(this.timer);
    await this.subscription?.stop();
    await this.queue.catch(() => undefined);
  }

  private async start(): Promise<void> {
    this.followers?.add({ name: OUTBOX, followedTo: () => this.checkpoint.position });
    this.checkpoint = await this.store.checkpoint(OUTBOX);
    this.committedPosition = this.checkpoint.position;
    this.subjects = new Map((await this.store.list(SUBJECTS)).map((doc) => {
      const subject = subjectFromDoc(doc);
      return [subjectKey(subject), subject];
    }));
    if (this.metrics?.enabled) {
      this.parkedCount = (await this.store.list(PARKED)).length;
      this.metrics.setParkedNotices(METRICS_NAME, this.parkedCount);
    }
    this.recomputeWake();
    this.subscription = this.events.subscribeToAll(
      { after: this.checkpoint.position, batchSize: BATCH },
      (batch) => this.serially(() => this.handle(batch)),
      (error) => this.failed(error),
    );
    this.schedule();
  }

  /** Like the sealer: say it, and start again from the stored checkpoint a second later. */
  private failed(error: unknown): void {
    if (this.stop.signal.aborted) return;
    this.logger.error(`notifications stopped at position ${this.checkpoint.position}: ${error instanceof Error ? error.message : String(error)}; restarting in 1 s`);
    clearTimeout(this.timer);
    this.subscription = undefined;
    this.changes.clear();
    setTimeout(() => {
      if (!this.stop.signal.aborted) this.serially(() => this.start()).catch((e: unknown) => this.failed(e));
    }, 1000).unref();
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async handle(batch: RecordedEvent[]): Promise<void> {
    for (const event of batch) {
      if (event.position <= this.checkpoint.position) continue;
      if (event.type === 'NotificationRetryRequested') await this.retry(event as unknown as NotificationRetryRequested & RecordedEvent);
      else await this.fold(event);
      this.checkpoint = { position: event.position, recordedAt: event.metadata.recordedAt };
      if (this.changes.size > 0) await this.commit();
    }
    if (this.checkpoint.position > this.committedPosition && Date.now() - this.lastCommitAt >= IDLE_COMMIT_MS) await this.commit();
    // The backlog in events of the log not yet handled (events on SQLite, bytes on EventStoreDB, as the subscribers' lag).
    if (this.metrics?.enabled) this.metrics.setOutboxBacklog(METRICS_NAME, Math.max(0, (await this.events.headPosition()) - this.checkpoint.position));
    await this.remind();
  }

  private async fold(event: RecordedEvent): Promise<void> {
    const which = subjectOf(event);
    if (!which) return;
    const key = subjectKey(which);
    const { subject, notice } = foldSubject(this.subjects.get(key) ?? newSubject(which.type, which.id), event, this.publicUrl);
    if (notice) await this.send(toNotice(notice));
    if (finished(subject)) {
      this.subjects.delete(key);
      this.changes.set(`s:${key}`, { collection: SUBJECTS, id: key, doc: null });
    } else {
      this.subjects.set(key, subject);
      this.changes.set(`s:${key}`, { collection: SUBJECTS, id: key, doc: subjectToDoc(subject) });
      const wake = nextReminderAt(subject, this.clock.now());
      if (wake !== null && (this.nextWake === null || wake < this.nextWake)) this.nextWake = wake;
    }
  }

  /** Delivers, or parks after the last try: either way the outbox moves on. */
  private async send(notice: Notice, previous?: ParkedNotice): Promise<boolean> {
    const parsed = JSON.parse(notice.body) as NoticeBody;
    const result = await deliver(notice, this.notify!, this.stop.signal, (tries, error) => {
      this.logger.warn(`notice ${notice.key} (${parsed.kind}) not delivered, try ${tries} of ${this.notify!.maxTries}: ${error}`);
    });
    if (result.delivered) {
      if (previous) this.changes.set(`p:${notice.key}`, { collection: PARKED, id: notice.key, doc: null });
      return true;
    }
    const parkedDoc: ParkedNotice = {
      key: notice.key, body: notice.body, kind: parsed.kind, subject: { type: parsed.subject.type, id: parsed.subject.id },
      tries: (previous?.tries ?? 0) + result.tries, lastError: result.lastError, parkedAt: this.clock.now().toISOString(),
    };
    this.changes.set(`p:${notice.key}`, { collection: PARKED, id: notice.key, doc: parkedDoc });
    this.logger.error(`notice ${notice.key} (${parsed.kind}) parked after ${result.tries} tries: ${result.lastError}`);
    return false;
  }

  /** The centre asked for a parked notice again: try it now, in its turn in the log. */
  private async retry(event: NotificationRetryRequested & RecordedEvent): Promise<void> {
    const parked = (await this.store.getMany<ParkedNotice>(PARKED, [event.data.key])).get(event.data.key);
    if (!parked) return; // delivered by an earlier retry already
    await this.send({ key: parked.key, body: parked.body }, parked);
  }

  /** Sends the reminders that fell due, once the outbox has caught up (a step done later in the log must not be reminded of). */
  private async remind(): Promise<void> {
    const now = this.clock.now();
    if (this.nextWake === null || now.getTime() < this.nextWake) return this.schedule();
    // Behind the log: the next batch calls again; the timer too, in case no batch comes (a head this subscription never reaches).
    if (this.checkpoint.position < (await this.events.headPosition())) return this.schedule(BEHIND_RETRY_MS);
    const due = [...this.subjects].flatMap(([key, subject]) => dueReminders(subject, now).map((d) => ({ key, d })));
    due.sort((a, b) => Date.parse(a.d.due) - Date.parse(b.d.due) || (a.d.key < b.d.key ? -1 : 1));
    for (const { key, d } of due) {
      const subject = this.subjects.get(key)!;
      await this.send(toNotice(reminderNotice(subject, d, this.publicUrl)));
      const updated = { ...subject, deadlines: subject.deadlines.map((x) => (x.key === d.key ? { ...x, reminded: true } : x)) };
      this.subjects.set(key, updated);
      this.changes.set(`s:${key}`, { collection: SUBJECTS, id: key, doc: subjectToDoc(updated) });
      await this.commit();
    }
    this.recomputeWake();
    this.schedule();
  }

  private recomputeWake(): void {
    const now = this.clock.now();
    let next: number | null = null;
    for (const subject of this.subjects.values()) {
      const at = nextReminderAt(subject, now);
      if (at !== null && (next === null || at < next)) next = at;
    }
    this.nextWake = next;
  }

  private schedule(delayMs?: number): void {
    clearTimeout(this.timer);
    if (this.stop.signal.aborted) return;
    const delay = delayMs ?? (this.nextWake === null ? MAX_SLEEP_MS : Math.max(0, Math.min(MAX_SLEEP_MS, this.nextWake - this.clock.now().getTime())));
    this.timer = setTimeout(() => void this.serially(() => this.remind()).catch((e: unknown) => this.failed(e)), delay);
    this.timer.unref();
  }

  private async commit(): Promise<void> {
    const changes = [...this.changes.values()];
    this.changes.clear();
    await this.store.commit(OUTBOX, changes, this.checkpoint);
    this.committedPosition = this.checkpoint.position;
    this.lastCommitAt = Date.now();
    if (this.metrics?.enabled && changes.some((c) => c.collection === PARKED)) {
      this.parkedCount = (await this.store.list(PARKED)).length;
      this.metrics.setParkedNotices(METRICS_NAME, this.parkedCount);
    }
  }
}
