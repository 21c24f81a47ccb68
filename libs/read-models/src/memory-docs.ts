/**
 * Read-model documents held in memory, folded by the same pure projections as the stores' ones.
 * Used for reports as of a past time (a replay of the log's prefix) and by projection specs.
 * Objects are kept as put, not copied: the fold owns them, and readers only read.
 */
import type { RecordedEvent } from '@survey/event-store';
import type { DocAccess, Projection } from './projection';
import type { Doc } from './read-model-store.port';

export class MemoryDocs implements DocAccess {
  private readonly collections = new Map<string, Map<string, Doc>>();

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
