/**
 * The case reactor: a checkpointed subscription to the whole log, like a projection, that appends
 * instead of writing read models. A bad review (EvaluationSubmitted/Revised whose rating is a
 * negative level of its campaign's scale) opens one case, `rectification-{eventId}` appended with
 * `no_stream`; while that case is open, the same evaluation's later revisions, withdrawal or
 * invalidation go onto it (a negative revision is recorded, anything else closes it); an upheld
 * appeal's invalidation is done here too if its handler did not get to it (./appeal-invalidation.ts).
 *
 * What it remembers is the case each evaluation last opened (collection `case-reactor`), committed
 * to the read-model store together with its checkpoint, after its appends: a crash in between folds
 * the batch again, and every append it makes is idempotent (no_stream, or a decider that ignores an
 * evaluation event at or before the position the case followed), so nothing is appended twice and
 * nothing is lost. Two reactors on one store append nothing twice for the same reason.
 *
 * What it costs at the log's head, where a batch is one group commit's few events (issue 16): the
 * index and checkpoint are committed at most once a second (`commitEveryMs`) or every
 * COMMIT_EVERY_EVENTS events, not per batch, and on stop; a crash folds again what was not committed,
 * which the idempotence above makes harmless. The index is read only for the evaluations that have a
 * case: the set of their keys (`withCase`) is loaded at start and kept by the fold, which opens
 * every case the set gains (a second reactor on the same store gains the same keys at the same
 * events: what the index holds is a function of the log). Most ratings are not bad reviews and most
 * evaluations never had a case, so most batches read nothing.
 */
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { BallotEvent, CaseCommand, levelOf, LoopActor, NotFound, RectificationEvent } from '@survey/domain';
import { Actor, EVENT_STORE, EventStore, RecordedEvent, Subscription } from '@survey/event-store';
import { Checkpoint, READ_MODEL_STORE, ReadModelStore } from '@survey/read-models';
import { LogFollowers } from '../health/log-followers';
import { retryDelayMs } from '../projections/retry-delay';
import type { CommandMeta } from '../runtime/command-meta';
import { invalidateUpheld } from './appeal-invalidation';
import { CaseRuntime } from './case-runtime';

export const CASE_REACTOR = 'case-reactor';
const INDEX = 'case-reactor';
const BATCH = 250;
/** Once this many events are folded and not committed (catching up on a long log), they are committed at once. */
const COMMIT_EVERY_EVENTS = 5000;
const INDEX_PAGE = 10_000;
const SYSTEM: LoopActor = { role: 'system', sub: CASE_REACTOR };

type IndexDoc = { [key: string]: unknown; caseId: string };
type Recorded<E> = RecordedEvent & E;

/** The key of one evaluation (a campaign, an enterprise, an agency): JSON, so no id can run into another. */
const evaluationKey = (d: { campaignId: string; creditCode: string; agencyId: string }) => JSON.stringify([d.campaignId, d.creditCode, d.agencyId]);

@Injectable()
export class CaseReactor {
  private readonly logger = new Logger('CaseReactor');
  private subscription?: Subscription;
  /** Where it has acted up to; `committed`, what the store holds, with `pending` the index changes in between. */
  private position = 0;
  private committed: Checkpoint = { position: 0, recordedAt: null };
  private folded: Checkpoint = { position: 0, recordedAt: null };
  private readonly pending = new Map<string, IndexDoc>();
  private uncommittedEvents = 0;
  /** The evaluations with a case in the index, committed or pending: only theirs are read. */
  private withCase = new Set<string>();
  private commitTimer?: NodeJS.Timeout;
  /** Batches, timed commits, starts and resets run one at a time, in order. */
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
  private readonly waiting = new Set<{ position: number; resolve: () => void }>();
  /** At the head, the index and checkpoint are committed at most this often. */
  commitEveryMs = 1000;
  /**
   * Most events one batch takes (one index look-up, one commit of the index and checkpoint). Set
   * before start(): the demo's loop, which waits for the reactor at every turn, takes larger ones.
   */
  batchSize = BATCH;
  /** Folded events after which the index and checkpoint are committed at once (the demo's loop, which waits for each batch, sets more). */
  commitEveryEvents = COMMIT_EVERY_EVENTS;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly cases: CaseRuntime,
    @Optional() private readonly followers?: LogFollowers,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.followers?.add({ name: CASE_REACTOR, followedTo: () => this.position });
    this.cases.calendar(); // loaded now: a bad WORKDAY_CALENDAR_FILE stops start-up, not the first bad review
    await this.serially(async () => {
      this.reset(await this.readModels.checkpoint(CASE_REACTOR));
      // After the checkpoint: an index read later may hold keys another reactor added since, which
      // this one's fold adds again at the same events.
      this.withCase = await this.indexKeys();
    });
    this.subscription = this.events.subscribeToAll(
      { after: this.position, batchSize: this.batchSize },
      (batch) => this.serially(() => this.handle(batch)),
      (error) => this.failed(error),
    );
  }

  /** Finishes the batch in hand, commits what it has folded and stops following the log. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.subscription?.stop();
    await this.serially(() => this.commit());
  }

  /** Where it has acted up to (its checkpoint as this process knows it). */
  get checkpoint(): number {
    return this.position;
  }

  /** Resolves once the reactor has acted on the log up to `position` (tests, the scheduler's first pass). */
  waitFor(position: number): Promise<void> {
    if (this.position >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiting.add({ position, resolve }));
  }

  private failed(error: unknown): void {
    this.subscription = undefined;
    // What was folded and not committed is folded again from the stored checkpoint.
    void this.serially(async () => this.reset(this.committed));
    if (this.stopped) return;
    const delay = retryDelayMs(++this.failures);
    this.logger.error(`case reactor stopped at checkpoint ${this.position}: ${error instanceof Error ? error.message : String(error)}; again in ${delay} ms`);
    this.retryTimer = setTimeout(() => {
      if (!this.stopped) this.start().catch((e: unknown) => this.failed(e));
    }, delay);
    this.retryTimer.unref();
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private reset(checkpoint: Checkpoint): void {
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    this.pending.clear();
    this.uncommittedEvents = 0;
    this.committed = this.folded = checkpoint;
    this.position = checkpoint.position;
  }

  /** The ids of the index's documents, a page at a time. */
  private async indexKeys(): Promise<Set<string>> {
    const keys = new Set<string>();
    for (let after: string | null = null; ;) {
      const page: { id: string }[] = await this.readModels.listPage(INDEX, '', after, INDEX_PAGE);
      for (const { id } of page) keys.add(id);
      if (page.length < INDEX_PAGE) return keys;
      after = page[page.length - 1].id;
    }
  }

  /** The index docs of the keys with a case: the pending ones from memory, the others from the store. */
  private async indexOf(keys: string[]): Promise<Map<string, IndexDoc>> {
    const found = new Map<string, IndexDoc>();
    const toRead: string[] = [];
    for (const key of keys) {
      if (!this.withCase.has(key)) continue;
      const doc = this.pending.get(key);
      if (doc) found.set(key, doc);
      else toRead.push(key);
    }
    if (toRead.length > 0) for (const [key, doc] of await this.readModels.getMany<IndexDoc>(INDEX, toRead)) found.set(key, doc);
    return found;
  }

  private async handle(batch: RecordedEvent[]): Promise<void> {
    const ballotEvents = new Set(batch.filter((e) => BALLOT_TYPES.has(e.type)) as Recorded<BallotEvent>[]);
    const keys = [...new Set([...ballotEvents].map((e) => evaluationKey(e.data)))];
    const known = await this.indexOf(keys);
    const changed = new Map<string, IndexDoc>();
    // One lane per evaluation, its events in log order; the lanes run at once, so the appends of
    // distinct cases share the event store's group commit (one transaction) instead of one each.
    const lanes = new Map<string, Recorded<BallotEvent>[]>();
    for (const event of ballotEvents) {
      const key = evaluationKey(event.data);
      lanes.set(key, [...(lanes.get(key) ?? []), event]);
    }
    let aborted = false;
    await Promise.all([...lanes].map(async ([key, events]) => {
      for (const event of events) {
        if (this.stopped) return void (aborted = true); // the checkpoint stays before this batch: it is folded again next time
        const opened = await this.onEvaluation(event, changed.get(key)?.caseId ?? known.get(key)?.caseId);
        if (opened) changed.set(key, { caseId: opened });
      }
    }));
    // After the lanes: a decision's invalidation checks the evaluation is still the one the case
    // followed, so it comes to the same whichever of the two the log holds first.
    if (aborted) return;
    for (const event of batch) {
      if (event.type !== 'AppealDecided') continue;
      if (this.stopped) return;
      await this.onAppealDecided(event as Recorded<Extract<RectificationEvent, { type: 'AppealDecided' }>>);
    }
    const last = batch[batch.length - 1];
    for (const [key, doc] of changed) {
      this.pending.set(key, doc);
      this.withCase.add(key);
    }
    this.folded = { position: last.position, recordedAt: last.metadata.recordedAt };
    this.uncommittedEvents += batch.length;
    // Acted on: its appends are in the log, whoever waits for them may go on.
    this.position = last.position;
    this.failures = 0;
    for (const w of this.waiting) {
      if (w.position > this.position) continue;
      this.waiting.delete(w);
      w.resolve();
    }
    if (this.uncommittedEvents >= this.commitEveryEvents) return this.commit();
    this.commitTimer ??= setTimeout(() => {
      this.commitTimer = undefined;
      // A failure here is the next batch's too (its commit fails the same way, and the subscription restarts from the store).
      this.serially(() => this.commit()).catch((error: unknown) => this.logger.warn(`case reactor's checkpoint not stored: ${error instanceof Error ? error.message : String(error)}`));
    }, this.commitEveryMs);
    this.commitTimer.unref();
  }

  /** Stores the index changes and the checkpoint folded so far, in one transaction. */
  private async commit(): Promise<void> {
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    if (this.folded.position === this.committed.position && this.pending.size === 0) return;
    const folded = this.folded;
    const changes = [...this.pending].map(([id, doc]) => ({ collection: INDEX, id, doc }));
    await this.readModels.commit(CASE_REACTOR, changes, folded);
    this.pending.clear();
    this.uncommittedEvents = 0;
    this.committed = folded;
  }

  /**
   * The case this evaluation event opened, if it opened one. `caseId` is the case the evaluation
   * opened last: while it is open, the event goes onto it; an event it already followed (a batch
   * folded again after a crash) is left alone, even if the case closed since.
   */
  private async onEvaluation(event: Recorded<BallotEvent>, caseId: string | undefined): Promise<string | undefined> {
    const meta = this.metaFor(event);
    const triggeredBy = { eventId: event.id, position: event.position };
    const previous = caseId === undefined ? undefined : (await this.cases.load(caseId)).state;
    if (previous?.exists && previous.followedUpTo >= event.position) return undefined;
    const open = previous?.exists && previous.status !== 'closed' ? previous.caseId : undefined;
    if (event.type === 'EvaluationWithdrawn' || event.type === 'EvaluationInvalidated') {
      const change = event.type === 'EvaluationWithdrawn' ? 'withdrawn' : 'invalidated';
      if (open) await this.cases.execute(open, { type: 'FollowRating', data: { caseId: open, triggeredBy, change } }, SYSTEM, meta);
      return undefined;
    }
    const { campaignId, creditCode, agencyId, rating, comment, answers } = event.data;
    if (open) {
      // A negative level is recorded on the case; any other closes it (rating-improved).
      await this.cases.execute(open, { type: 'FollowRating', data: { caseId: open, triggeredBy, change: 'revised', level: rating, comment, answers } }, SYSTEM, meta);
      return undefined;
    }
    if (!levelOf(await this.cases.scaleOf(campaignId), rating)?.negative) return undefined;
    const command: CaseCommand = {
      type: 'OpenCase',
      data: {
        caseId: event.id, campaignId, agencyId, creditCode, level: rating, comment, answers, contactConsent: event.data.contactConsent === true,
        triggeredBy, reviewedAt: event.metadata.recordedAt,
      },
    };
    await this.cases.execute(event.id, command, SYSTEM, meta);
    return event.id;
  }

  private async onAppealDecided(event: Recorded<Extract<RectificationEvent, { type: 'AppealDecided' }>>): Promise<void> {
    if (!event.data.upheld) return;
    const { state } = await this.cases.load(event.data.caseId);
    if (!state.exists) return;
    // The centre who decided is the actor of the invalidation, as when its own handler does it.
    const meta: CommandMeta = { actor: event.metadata.actor as Actor, correlationId: event.metadata.correlationId };
    try {
      await invalidateUpheld(this.events, this.cases.aggregates, state, event.data.reason, meta);
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
    }
  }

  private metaFor(event: RecordedEvent): CommandMeta {
    return { actor: { role: 'system', sub: CASE_REACTOR }, correlationId: event.metadata.correlationId };
  }
}

const BALLOT_TYPES = new Set(['EvaluationSubmitted', 'EvaluationRevised', 'EvaluationWithdrawn', 'EvaluationInvalidated']);
