/**
 * The projector's writes to the store: one commit in flight at a time, in order, so the next batch
 * folds while this one is written. A commit's outcome is reported once, as it settles (committed:
 * the checkpoint moves; failed: the projector stops), and whoever waits for it still sees its error.
 *
 * With `idleCommitMs`, a batch that changed no document (at the log's head, most batches of most
 * projections: a ballot moves no case, request or directory document) stores its checkpoint at
 * most that often rather than once per batch: the checkpoint moves in memory at once (the
 * documents readers see are those of the last commit, which is done), and the store's follows with
 * the next commit, the timer, or stop's flush(). A crash in between folds those events again,
 * which changes nothing: nothing is lost, and nothing is counted twice.
 */
import { isGenerationRetired } from '../generations';
import type { Checkpoint, DocChange, ProjectionWrites } from '../read-model-store.port';
import { ProjectionFailed } from './projection-failed';

/** The checkpoint a batch moves to, and the position of its first event (a failure names the range). */
export type BatchCheckpoint = Checkpoint & { from: number };

export interface CommitOutcomes {
  committed(checkpoint: Checkpoint): void;
  failed(error: unknown): void;
}

export interface CommitPipelineOptions {
  /** Store a change-less batch's checkpoint at most this often (undefined: every batch, as a rebuild does). */
  idleCommitMs?: number;
}

export class CommitPipeline {
  private inFlight: Promise<void> | null = null;
  /** A change-less batch's checkpoint, not stored yet; never set while a commit is in flight. */
  private deferred: { batch: BatchCheckpoint; generation: number } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: ProjectionWrites,
    private readonly projection: string,
    private readonly outcomes: CommitOutcomes,
    private readonly options: CommitPipelineOptions = {},
  ) {}

  /** Once the previous commit is done (rethrowing its failure), hands this batch's changes to the store. */
  async commit(changes: DocChange[], batch: BatchCheckpoint, generation: number): Promise<void> {
    await this.committed();
    if (changes.length === 0 && this.options.idleCommitMs !== undefined) {
      // The first deferred batch names the range a failed flush reports.
      this.deferred = { batch: { ...batch, from: this.deferred?.batch.from ?? batch.from }, generation };
      this.outcomes.committed({ position: batch.position, recordedAt: batch.recordedAt });
      this.timer ??= setTimeout(() => this.flushDeferred(), this.options.idleCommitMs);
      this.timer.unref();
      return;
    }
    this.clearDeferred(); // this commit stores a later checkpoint
    this.send(changes, batch, generation);
  }

  /** Resolves once the commit in flight, if any, is done; rejects if it failed. */
  async committed(): Promise<void> {
    const inFlight = this.inFlight;
    this.inFlight = null;
    if (inFlight) await inFlight;
  }

  /** Stores a deferred checkpoint now and waits for every commit (stopping: the store then says where the projector is). */
  async flush(): Promise<void> {
    await this.committed();
    this.flushDeferred();
    await this.committed();
  }

  /** Lets go of the commit in flight and of a deferred checkpoint without waiting: its run is over. */
  forget(): void {
    this.inFlight = null;
    this.clearDeferred();
  }

  private flushDeferred(): void {
    this.timer = undefined;
    const deferred = this.deferred;
    if (!deferred || this.inFlight) return; // nothing to store, or a commit in flight stores a later checkpoint
    this.deferred = undefined;
    this.send([], deferred.batch, deferred.generation, false);
  }

  private send(changes: DocChange[], batch: BatchCheckpoint, generation: number, report = true): void {
    const checkpoint: Checkpoint = { position: batch.position, recordedAt: batch.recordedAt };
    const inFlight = this.store.commit(this.projection, changes, checkpoint, generation).then(
      () => {
        if (report) this.outcomes.committed(checkpoint); // a deferred checkpoint was reported as it was folded
      },
      (error: unknown) => {
        // A retired generation is not a failure (the projector follows the switch): it stays as it is.
        const failure = isGenerationRetired(error) ? error : new ProjectionFailed(this.projection, batch.from, batch.position, null, error);
        this.outcomes.failed(failure);
        throw failure;
      },
    );
    inFlight.catch(() => undefined); // reported through failed(); whoever awaits it still sees the error
    this.inFlight = inFlight;
  }

  private clearDeferred(): void {
    this.deferred = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
