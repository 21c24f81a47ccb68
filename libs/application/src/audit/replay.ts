/**
 * A replay of the log into memory with the current `reports` projection: the pure fold, not the
 * live read models, so that what it gives depends on the events and the code alone. It holds the
 * documents behind the ReadModelStore port, so the very query handler that serves the live
 * headline builds the headline from it too.
 */
import type { EventStore, RecordedEvent } from '@survey/event-store';
import { Checkpoint, Doc, DocAccess, DocChange, ReadModelStore, reportsProjection } from '@survey/read-models';
import type { HeadlineReport } from '@survey/reporting';
import { CampaignReportHandler } from '../reports/campaign-report.handler';
import { CampaignReportQuery } from '../reports/campaign-report.query';

const BATCH = 5000;

class MemoryReadModels implements ReadModelStore {
  private readonly docs = new Map<string, Map<string, Doc>>();
  private at: Checkpoint = { position: 0, recordedAt: null };
  // The projection mutates the documents it gets, in place, as it does in the projector.
  private readonly access: DocAccess = {
    get: <T extends Doc>(collection: string, id: string) => this.docs.get(collection)?.get(id) as T | undefined,
    put: (collection, id, doc) => {
      let map = this.docs.get(collection);
      if (!map) this.docs.set(collection, (map = new Map()));
      map.set(id, doc);
    },
    delete: (collection, id) => void this.docs.get(collection)?.delete(id),
  };

  fold(event: RecordedEvent): void {
    reportsProjection.apply(event, this.access);
    this.at = { position: event.position, recordedAt: event.metadata.recordedAt };
  }

  // ReadModelStore, for the query handler; the fold above is the only writer.
  async get<T extends Doc>(collection: string, id: string): Promise<T | undefined> {
    return this.access.get<T>(collection, id);
  }
  async getMany<T extends Doc>(collection: string, ids: string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    for (const id of ids) {
      const doc = this.access.get<T>(collection, id);
      if (doc) found.set(id, doc);
    }
    return found;
  }
  async list<T extends Doc>(collection: string, idPrefix = ''): Promise<T[]> {
    const map = this.docs.get(collection) ?? new Map<string, Doc>();
    return [...map.keys()].filter((id) => id.startsWith(idPrefix)).sort().map((id) => map.get(id) as T);
  }
  async checkpoint(): Promise<Checkpoint> {
    return this.at;
  }
  async commit(_projection: string, _changes: DocChange[], _checkpoint: Checkpoint): Promise<void> {
    throw new Error('a replay is read-only: only its own fold writes to it');
  }
  async reset(): Promise<void> {
    this.docs.clear();
    this.at = { position: 0, recordedAt: null };
  }
  async close(): Promise<void> {}
}

export interface ReplayProgress {
  (position: number, target: number): void;
}

/** Folds the log forward, in order, and answers the headline as of where it stands. */
export class Replay {
  private readonly memory = new MemoryReadModels();
  private readonly reports = new CampaignReportHandler(this.memory);
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
        this.memory.fold(event);
        this.read = event.position;
      }
      this.onProgress?.(this.read, target);
    }
    this.read = Math.max(this.read, target);
  }

  headline(campaignId: string): Promise<HeadlineReport> {
    return this.reports.execute(new CampaignReportQuery(campaignId));
  }
}
