/**
 * A replay of the log into memory with the current `reports` projection: the pure fold, not the
 * live read models, so that what it gives depends on the events and the code alone. It holds the
 * documents in memory (MemoryDocs), and the headline is assembled from them by the very code that
 * assembles the live one (report-source.ts).
 */
import type { EventStore } from '@survey/event-store';
import { MemoryFold, reportsProjection } from '@survey/read-models';
import type { HeadlineReport } from '@survey/reporting';
import { headlineFrom, memorySource } from '../reports/report-source';

export interface ReplayProgress {
  (position: number, target: number): void;
}

/** Folds the log forward, in order, and answers the headline as of where it stands. */
export class Replay {
  private readonly fold: MemoryFold;
  /** How far the replay has looked: the last event folded, or the target if no event came before it. */
  private read = 0;

  constructor(store: EventStore, private readonly onProgress?: ReplayProgress) {
    this.fold = new MemoryFold(store, reportsProjection);
  }

  get position(): number {
    return this.read;
  }

  /** Folds every event with a position up to `target` (inclusive); never goes back. */
  async advanceTo(target: number): Promise<void> {
    if (target < this.read) throw new Error(`replay is at ${this.read}, past ${target}`);
    if (this.read < target) {
      const stopped = await this.fold.foldWhile((event) => event.position <= target, (position) => this.onProgress?.(position, target));
      if (stopped) this.onProgress?.(target, target);
    }
    this.read = Math.max(this.fold.last.position, target);
  }

  /** The headline as the live API assembles it, from the documents folded so far. */
  headline(campaignId: string): Promise<HeadlineReport> {
    return headlineFrom(memorySource(this.fold.docs), campaignId, this.fold.last);
  }
}
