/**
 * The projector's writes to the store: one commit in flight at a time, in order, so the next batch
 * folds while this one is written. A commit's outcome is reported once, as it settles (committed:
 * the checkpoint moves; failed: the projector stops), and whoever waits for it still sees its error.
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

export class CommitPipeline {
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly store: ProjectionWrites,
    private readonly projection: string,
    private readonly outcomes: CommitOutcomes,
  ) {}

  /** Once the previous commit is done (rethrowing its failure), hands this batch's changes to the store. */
  async commit(changes: DocChange[], batch: BatchCheckpoint, generation: number): Promise<void> {
    await this.committed();
    const checkpoint: Checkpoint = { position: batch.position, recordedAt: batch.recordedAt };
    const inFlight = this.store.commit(this.projection, changes, checkpoint, generation).then(
      () => this.outcomes.committed(checkpoint),
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

  /** Resolves once the commit in flight, if any, is done; rejects if it failed. */
  async committed(): Promise<void> {
    const inFlight = this.inFlight;
    this.inFlight = null;
    if (inFlight) await inFlight;
  }

  /** Lets go of the commit in flight without waiting: it has been reported, and its run is over. */
  forget(): void {
    this.inFlight = null;
  }
}
