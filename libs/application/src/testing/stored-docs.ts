/**
 * Read-model documents kept as a store keeps them: JSON text, committed at the end of each batch.
 * Within a batch the projection works on the objects it was handed (as the projector's cache
 * does); the next batch gets them back from JSON.parse, ordinary objects with Object.prototype,
 * as after a restart. Also a DocSource over them, for the reports.
 */
import type { Doc, DocAccess, Projection } from '@survey/read-models';
import type { RecordedEvent } from '@survey/event-store';
import type { DocSource } from '../reports/report-source';

export class StoredDocs implements DocAccess {
  private readonly stored = new Map<string, Map<string, string>>();
  private readonly open = new Map<string, Map<string, Doc | null>>();

  get<T extends Doc>(collection: string, id: string): T | undefined {
    const open = this.open.get(collection);
    if (open?.has(id)) return (open.get(id) ?? undefined) as T | undefined;
    const json = this.stored.get(collection)?.get(id);
    const doc = json === undefined ? null : (JSON.parse(json) as Doc);
    this.mapOf(this.open, collection).set(id, doc);
    return (doc ?? undefined) as T | undefined;
  }

  put(collection: string, id: string, doc: Doc): void {
    this.mapOf(this.open, collection).set(id, doc);
  }

  delete(collection: string, id: string): void {
    this.mapOf(this.open, collection).set(id, null);
  }

  /** Folds the events in batches of the sizes given (cycled), committing after each. */
  fold(projections: readonly Projection[], events: readonly RecordedEvent[], batchSizes: readonly number[]): this {
    let at = 0;
    for (let b = 0; at < events.length; b++) {
      const size = Math.max(1, batchSizes[b % batchSizes.length] ?? 1);
      for (const event of events.slice(at, at + size)) for (const p of projections) p.apply(event, this);
      at += size;
      this.commit();
    }
    return this;
  }

  commit(): void {
    for (const [collection, docs] of this.open) {
      const stored = this.mapOf(this.stored, collection);
      for (const [id, doc] of docs) {
        if (doc === null) stored.delete(id);
        else stored.set(id, JSON.stringify(doc));
      }
    }
    this.open.clear();
  }

  /** The committed documents, parsed anew on every read, ordered by id. */
  source(): DocSource {
    const list = <T extends Doc>(collection: string, idPrefix = '') =>
      [...(this.stored.get(collection) ?? new Map<string, string>())].filter(([id]) => id.startsWith(idPrefix)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, json]) => JSON.parse(json) as T);
    return {
      get: async <T extends Doc>(collection: string, id: string) => {
        const json = this.stored.get(collection)?.get(id);
        return json === undefined ? undefined : (JSON.parse(json) as T);
      },
      list: async <T extends Doc>(collection: string, idPrefix?: string) => list<T>(collection, idPrefix),
    };
  }

  private mapOf<V>(maps: Map<string, Map<string, V>>, collection: string): Map<string, V> {
    let map = maps.get(collection);
    if (!map) maps.set(collection, (map = new Map()));
    return map;
  }
}
