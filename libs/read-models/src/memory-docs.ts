/**
 * Read-model documents held in memory, folded by the same pure projections as the stores' ones.
 * Used for reports as of a past time (a replay of the log's prefix) and by projection specs.
 * Objects are kept as put, not copied: the fold owns them, and readers only read.
 */
import type { EventStore, RecordedEvent } from '@survey/event-store';
import type { DocAccess, Projection } from './projection';
import type { Doc } from './read-model-store.port';

/** Some collections' documents as plain data: what a replay on a worker thread hands back. */
export type DocsSnapshot = [collection: string, docs: [id: string, doc: Doc][]][];

export class MemoryDocs implements DocAccess {
  private readonly collections = new Map<string, Map<string, Doc>>();

  static from(snapshot: DocsSnapshot): MemoryDocs {
    const docs = new MemoryDocs();
    for (const [collection, entries] of snapshot) docs.collections.set(collection, new Map(entries));
    return docs;
  }

  /** Copies of these collections' documents (the fold goes on changing its own). */
  snapshot(collections: readonly string[]): DocsSnapshot {
    return collections.map((c) => [c, [...(this.collections.get(c) ?? [])].map(([id, doc]) => [id, structuredClone(doc)])]);
  }

  get<T extends Doc>(collection: string, id: string): T | undefined {
    return this.collections.get(collection)?.get(id) as T | undefined;
  }

  put(collection: string, id: string, doc: Doc): void {
    let map = this.collections.get(collection);
    if (!map) this.collections.set(collection, (map = new Map()));
    map.set(id, doc);
  }

  delete(collection: string, id: string): void {
    this.collections.get(collection)?.delete(id);
  }

  /** Every document of a collection whose id starts with `idPrefix`, ordered by id (as ReadModelStore.list). */
  list<T extends Doc>(collection: string, idPrefix = ''): T[] {
    const map = this.collections.get(collection);
    if (!map) return [];
    return [...map.keys()].filter((id) => id.startsWith(idPrefix)).sort().map((id) => map.get(id) as T);
  }

  fold(projections: readonly Projection[], events: readonly RecordedEvent[]): this {
    for (const event of events) for (const p of projections) p.apply(event, this);
    return this;
  }
}

/**
 * A projection folded over the log into MemoryDocs, forward only, in log order: the as-of reports
 * (up to a time) and verification (up to a position) both replay this way.
 */
export class MemoryFold {
  readonly docs = new MemoryDocs();
  /** Position and recordedAt of the last event folded (0 / null: none yet). */
  last: { position: number; recordedAt: string | null } = { position: 0, recordedAt: null };

  constructor(private readonly events: EventStore, private readonly projection: Projection, private readonly batchSize = 5000) {}

  /**
   * Folds the events after the last one folded while `keep` accepts them. True when it stopped at
   * an event `keep` refused (which is left unfolded), false when it reached the head.
   */
  async foldWhile(keep: (event: RecordedEvent) => boolean, onBatch?: (position: number) => void): Promise<boolean> {
    for (;;) {
      const batch = await this.events.readAll(this.last.position, this.batchSize);
      if (batch.length === 0) return false;
      for (const event of batch) {
        if (!keep(event)) return true;
        this.projection.apply(event, this.docs);
        this.last = { position: event.position, recordedAt: event.metadata.recordedAt };
      }
      onBatch?.(this.last.position);
    }
  }
}
