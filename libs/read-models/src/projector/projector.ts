/**
 * Follows the event log from a projection's checkpoint and folds each batch into read models.
 * Per batch: fetch the documents the events read (./doc-cache.ts, write-through, since the
 * projector is the only writer), apply the events in memory, then commit the changed documents and
 * the new checkpoint in one transaction (./commit-pipeline.ts). A crash mid-batch therefore loses
 * the whole batch or none of it, and the restart re-folds exactly what was not committed: nothing
 * lost, nothing counted twice.
 *
 * Catching up (a rebuild, a start behind a long log), the projector holds the changes of several
 * full batches and stores them in one commit (`holdEvents`, `holdMs`): a counter document that
 * every batch changes is then serialised, sent to the writer and written once per commit rather
 * than once per batch, and the writer commits a tenth as often. It holds only while the log is
 * known to go on past the batch, so the next batch comes and the held changes with it; at the head
 * and on stop every batch is committed as before. A crash loses what was held, uncommitted with
 * its checkpoint, and the restart folds it again.
 *
 * Generations: by default the projector folds into the projection's active generation and follows
 * a switch (a rebuild finished elsewhere): its next commit is refused as retired, writing nothing,
 * and it starts again on the new active generation from that generation's own checkpoint. A
 * rebuild's projector is given its generation and stays on it.
 */
import { PositionWaiters } from '@survey/event-store';
import type { EventStore, RecordedEvent, Subscription } from '@survey/event-store';
import { isGenerationRetired } from '../generations';
import type { Projection } from '../projection';
import type { Checkpoint, GenerationAdministration, ProjectionWrites } from '../read-model-store.port';
import { CommitPipeline } from './commit-pipeline';
import { DocCache } from './doc-cache';

export { ProjectionFailed } from './projection-failed';

/** The store as a projector uses it: its generation's documents and commits, and which generation is active. */
export type ProjectorStore = ProjectionWrites & Pick<GenerationAdministration, 'generations'>;

export interface ProjectorOptions {
  batchSize?: number;
  /** Documents kept in memory between batches; the cache is dropped when it grows past this. */
  cacheSize?: number;
  onError?: (error: unknown) => void;
  /** Fold into this generation (a rebuild's); by default the active one, followed across switches. */
  generation?: number;
  /**
   * Store the checkpoint of a batch that changed no document at most this often (./commit-pipeline.ts);
   * by default every batch's, as a rebuild, whose switch compares stored checkpoints, needs.
   */
  idleCommitMs?: number;
  /**
   * While catching up, store the changes of consecutive full batches together, in one commit per
   * this many events at most (default 20,000; 0 commits every batch).
   */
  holdEvents?: number;
  /** …and per this long at most since the first batch held (default 1,000 ms): readers' figures move on meanwhile. */
  holdMs?: number;
  /**
   * At the log's head too, hold the changes of the batches that come within this long of the first
   * held (bounded by `holdEvents` as well), committed by a timer if no batch comes (default 0: every
   * batch at the head is committed at once). For a projector following a writer that appends in
   * bursts, when readers may see its figures this much later (the demo's): counter documents are
   * written once per commit rather than once per burst.
   */
  followHoldMs?: number;
}

/** The batches folded but not committed yet: their range, and when the first was folded. */
interface Held {
  from: number;
  events: number;
  since: number;
  last: Checkpoint;
}

const DEFAULT_BATCH_SIZE = 2000;

export class Projector {
  private readonly cache: DocCache;
  private readonly commits: CommitPipeline;
  private subscription?: Subscription;
  private checkpoint: Checkpoint = { position: 0, recordedAt: null };
  private readonly waiters = new PositionWaiters();
  private failure: unknown = null;
  private stopping: Promise<void> | undefined;
  private generationInUse = 0;
  private switching: Promise<void> | undefined;
  private held: Held | undefined;
  /** The log's head as last read: a batch ending before it is known to be followed by another. */
  private knownHead = 0;
  /** Held changes' commits, one after another whoever starts them (a batch, the follow-hold timer, stop). */
  private heldCommits: Promise<void> = Promise.resolve();
  private holdTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly readModels: ProjectorStore,
    readonly projection: Projection,
    private readonly options: ProjectorOptions = {},
  ) {
    this.cache = new DocCache(options.cacheSize ?? 500_000);
    this.commits = new CommitPipeline(readModels, projection.name, {
      committed: (checkpoint) => {
        this.checkpoint = checkpoint;
        this.waiters.reached(checkpoint.position);
      },
      failed: (error) => this.failed(error), // the cache holds changes that never reached the store: failed() drops it
    }, { idleCommitMs: options.idleCommitMs });
  }

  get name(): string {
    return this.projection.name;
  }

  get position(): Checkpoint {
    return this.checkpoint;
  }

  get error(): unknown {
    return this.failure;
  }

  /** The generation being folded into. */
  get generation(): number {
    return this.generationInUse;
  }

  async start(): Promise<void> {
    if (this.subscription && !this.failure) throw new Error(`projection ${this.name} is already running`);
    await this.stopping;
    const generation = this.options.generation ?? (await this.readModels.generations(this.projection.name)).active;
    this.generationInUse = generation;
    this.checkpoint = await this.readModels.checkpoint(this.projection.name, generation);
    this.failure = null;
    this.held = undefined;
    this.knownHead = 0;
    this.heldCommits = Promise.resolve();
    this.clearHoldTimer();
    this.commits.forget();
    // A projection that has folded nothing owns no documents (so the cache holds them all, none):
    // clear any left by an interrupted start.
    this.cache.reset(this.checkpoint.position === 0);
    if (this.cache.complete) await this.readModels.reset(this.projection.name, this.projection.collections, generation);
    this.subscription = this.events.subscribeToAll(
      { after: this.checkpoint.position, batchSize: this.options.batchSize ?? DEFAULT_BATCH_SIZE },
      (batch) => this.handle(batch),
      (error) => this.failed(error),
    );
  }

  private failed(error: unknown): void {
    if (this.failure) return;
    if (isGenerationRetired(error) && this.options.generation === undefined) return this.followSwitch();
    this.failure = error;
    const subscription = this.subscription;
    this.subscription = undefined;
    // A commit failure can arrive while the next batch is being folded: a restart waits for that
    // handler to end, so nothing from the failed run acts on the new one.
    this.stopping = subscription?.stop().catch(() => undefined);
    this.held = undefined; // its changes are dropped with the cache: the restart folds them again
    this.clearHoldTimer();
    this.cache.drop();
    this.waiters.rejectAll(error); // whoever waits for a position it may never reach hears why at once
    this.options.onError?.(error);
  }

  /**
   * The active generation changed under this projector: nothing of the refused batch was written.
   * Stop following the log on the old generation, forget what was folded into it, and start again
   * on the new one. Waiters keep waiting: they are resolved by the new generation's checkpoint.
   */
  private followSwitch(): void {
    if (this.switching) return;
    const subscription = this.subscription;
    this.subscription = undefined;
    this.held = undefined;
    this.clearHoldTimer();
    this.cache.drop();
    this.switching = (async () => {
      await subscription?.stop().catch(() => undefined);
      this.commits.forget(); // the refused commit: its handler has ended with the subscription
      await this.start();
    })()
      .catch((error: unknown) => this.failed(error))
      .finally(() => (this.switching = undefined));
  }

  /** Finishes the batch in hand and stops following the log; its checkpoint, a deferred one too, is then stored. */
  async stop(): Promise<void> {
    await this.switching;
    await this.subscription?.stop();
    this.subscription = undefined;
    // Held batches are committed, then the flush stores a deferred checkpoint; a failure has been reported by then.
    await this.commitHeld().catch(() => undefined);
    await this.commits.flush().catch(() => undefined);
  }

  /** Events in the log not yet folded in. */
  async lag(): Promise<number> {
    return Math.max(0, (await this.events.headPosition()) - this.checkpoint.position);
  }

  /** Resolves once everything appended before the call is folded in. */
  async catchUp(timeoutMs = 30_000): Promise<Checkpoint> {
    await this.waitFor(await this.events.headPosition(), timeoutMs);
    return this.checkpoint;
  }

  waitFor(position: number, timeoutMs = 30_000): Promise<void> {
    if (this.checkpoint.position >= position) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return this.waiters.wait(position, {
      ms: timeoutMs,
      message: () => `projection ${this.name} did not reach position ${position} within ${timeoutMs} ms (at ${this.checkpoint.position})`,
    });
  }

  private async handle(batch: RecordedEvent[]): Promise<void> {
    if (batch.length === 0) return;
    if (this.cache.full) {
      await this.commitHeld(); // held changes are only in the cache: stored before it is dropped
      await this.commits.committed();
      this.cache.drop();
    }
    if (!this.cache.complete) {
      await this.commits.committed(); // prefetch reads the store: let it hold the last batch
      await this.cache.prefetch(batch, this.projection, this.readModels, this.generationInUse);
    }
    this.cache.apply(batch, this.projection);
    const last = batch[batch.length - 1];
    const held = this.held;
    this.held = {
      from: held?.from ?? batch[0].position,
      events: (held?.events ?? 0) + batch.length,
      since: held?.since ?? performance.now(),
      last: { position: last.position, recordedAt: last.metadata.recordedAt },
    };
    if (await this.mayHold(batch)) return;
    if (this.mayHoldAtHead()) return;
    await this.commitHeld();
  }

  /** With `followHoldMs`: whether the batches held at the head may wait for more, a timer committing them if none comes. */
  private mayHoldAtHead(): boolean {
    const holdMs = this.options.followHoldMs ?? 0;
    const held = this.held;
    if (holdMs <= 0 || !held || held.events >= (this.options.holdEvents ?? 20_000)) return false;
    const left = holdMs - (performance.now() - held.since);
    if (left <= 0) return false;
    this.holdTimer ??= setTimeout(() => {
      this.holdTimer = undefined;
      this.commitHeld().catch(() => undefined); // a failure is reported through the pipeline's failed()
    }, left);
    this.holdTimer.unref();
    return true;
  }

  private clearHoldTimer(): void {
    clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
  }

  /**
   * Whether the batch may wait for the next one before it is committed: it was a full batch, the
   * run held is within its bounds, and the log goes on past it (the head is read again only when
   * the batch reaches the head last read: once per catch-up, not once per batch at the head).
   */
  private async mayHold(batch: RecordedEvent[]): Promise<boolean> {
    const held = this.held!;
    const holdEvents = this.options.holdEvents ?? 20_000;
    if (batch.length < (this.options.batchSize ?? DEFAULT_BATCH_SIZE) || held.events >= holdEvents) return false;
    if (performance.now() - held.since >= (this.options.holdMs ?? 1000)) return false;
    const position = batch[batch.length - 1].position;
    if (position >= this.knownHead) this.knownHead = await this.events.headPosition();
    return position < this.knownHead;
  }

  /**
   * Hands the held batches' changes and checkpoint to the commit pipeline (which waits for the commit
   * before), after any held commit already started (the timer's can run while a batch is folded):
   * resolves once every held change so far is handed over.
   */
  private commitHeld(): Promise<void> {
    const held = this.held;
    if (!held) return this.heldCommits;
    this.held = undefined;
    this.clearHoldTimer();
    const changes = this.cache.takeChanges();
    const generation = this.generationInUse;
    this.heldCommits = this.heldCommits.catch(() => undefined).then(() => this.commits.commit(changes, { from: held.from, ...held.last }, generation));
    return this.heldCommits;
  }
}
