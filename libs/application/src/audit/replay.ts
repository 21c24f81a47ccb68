/**
 * A replay of the log into memory with the current `reports` projection: the pure fold, not the
 * live read models, so that what it gives depends on the events and the code alone. It holds the
 * documents in memory (MemoryDocs), and the headline is assembled from them by the very code that
 * assembles the live one (report-source.ts).
 */
import type { EventStore } from '@survey/event-store';
import { MemoryDocs, reportsProjection } from '@survey/read-models';
import type { HeadlineReport } from '@survey/reporting';
import { headlineFrom, memorySource } from '../reports/report-source';

const BATCH = 5000;

export interface ReplayProgress {
  (position: number, target: number): void;
}

/** Folds the log forward, in order, and answers the headline as of where it stands. */
export class Replay {
  private readonly docs = new MemoryDocs();
  /** The last event folded: what the headline's `asOf` names, as a live checkpoint would. */
  private folded = { position: 0, recordedAt: null as string | null };
  /** Position of the last event read (the fold's checkpoint may be lower only if none was read). */
  private read = 0;

  constructor(private readonly store: EventStore, private readonly onProgress?: ReplayProgress) {}

  get position(): number {
    return this.read;
  }

  /** Folds every event with a position up to `target` (inclusive); never goes back. */
  async advanceTo(target: number): Promise<void> {
    if (target < this.read) throw new Error(`replay is at ${this.read}, past ${target}`);
    while (this.read < target) {
      const batch = await this.store.readAll(this.read, BATCH);
      if (batch.length === 0) break;
      for (const event of batch) {
        if (event.position > target) {
          this.read = target;
          this.onProgress?.(target, target);
          return;
        }
        reportsProjection.apply(event, this.docs);
        this.read = event.position;
        this.folded = { position: event.position, recordedAt: event.metadata.recordedAt };
      }
      this.onProgress?.(this.read, target);
    }
    this.read = Math.max(this.read, target);
  }

  /** The headline as the live API assembles it, from the documents folded so far. */
  headline(campaignId: string): Promise<HeadlineReport> {
    return headlineFrom(memorySource(this.docs), campaignId, this.folded);
  }
}
