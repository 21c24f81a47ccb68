/**
 * The projector's documents in memory between batches. The projector is its projection's only
 * writer, so a document once read or written stays right here and needs no second round trip:
 * a batch's events fold against this cache, after fetching in bulk whatever they read that it
 * does not hold, and what they changed is written through to the store by the commit pipeline.
 */
import type { RecordedEvent } from '@survey/event-store';
import type { DocAccess, Projection } from '../projection';
import type { Doc, DocChange, ProjectionWrites } from '../read-model-store.port';
import { ProjectionFailed } from './projection-failed';

/** collection → id → document (null: known not to exist). */
type DocMap = Map<string, Map<string, Doc | null>>;

function mapOf(maps: DocMap, collection: string): Map<string, Doc | null> {
  let map = maps.get(collection);
  if (!map) maps.set(collection, (map = new Map()));
  return map;
}

export class DocCache {
  private readonly docs: DocMap = new Map();
  /** The documents changed since the changes were last taken. */
  private readonly dirty: DocMap = new Map();
  private size = 0;
  /**
   * True while the cache holds every document the projection has: from an empty start until the
   * cache is first dropped. A miss then means "no such document" and needs no round trip, which
   * makes a rebuild from scratch fetch nothing at all.
   */
  private holdsAll = false;

  constructor(private readonly limit: number) {}

  /** Whether the cache holds every document there is, so that a miss needs no fetching. */
  get complete(): boolean {
    return this.holdsAll;
  }

  /** More documents held than the limit: time to drop them (once the commit in flight is done). */
  get full(): boolean {
    return this.size > this.limit;
  }

  /** Starts empty; `complete` when the projection has no documents yet (nothing folded). */
  reset(complete: boolean): void {
    this.drop();
    this.holdsAll = complete;
  }

  /** Forgets every document (they may hold changes the store never got, or simply too many). */
  drop(): void {
    this.docs.clear();
    this.dirty.clear();
    this.size = 0;
    this.holdsAll = false;
  }

  /** Fetches, in one read per collection, the documents the batch reads that the cache does not hold. */
  async prefetch(batch: readonly RecordedEvent[], projection: Projection, store: ProjectionWrites, generation: number): Promise<void> {
    if (this.holdsAll) return;
    const missing = new Map<string, Set<string>>();
    for (const event of batch) {
      for (const [collection, id] of projection.reads(event)) {
        if (this.docs.get(collection)?.has(id)) continue;
        let ids = missing.get(collection);
        if (!ids) missing.set(collection, (ids = new Set()));
        ids.add(id);
      }
    }
    for (const [collection, ids] of missing) {
      const found = await store.getMany(collection, [...ids], generation);
      const cached = mapOf(this.docs, collection);
      for (const id of ids) cached.set(id, found.get(id) ?? null);
      this.size += ids.size;
    }
  }

  /** Applies the batch and returns what changed since the last changes were taken, each document once. */
  fold(batch: readonly RecordedEvent[], projection: Projection): DocChange[] {
    this.apply(batch, projection);
    return this.takeChanges();
  }

  /**
   * Applies the batch to the cached documents and marks what changed, to be taken by takeChanges:
   * the projector may apply several batches and store them in one commit (./projector.ts). A fold
   * that throws is named with its event (ProjectionFailed); the cache then holds part of the
   * batch, and the projector drops it with what was marked.
   */
  apply(batch: readonly RecordedEvent[], projection: Projection): void {
    const dirty = this.dirty;
    const cache = this.docs;
    const write = (collection: string, id: string, doc: Doc | null) => {
      const changed = mapOf(dirty, collection);
      // Counters are put again after every event: once marked, the same object needs nothing more
      // (it is serialised as it stands when the changes are committed).
      if (doc !== null && changed.get(id) === doc) return;
      changed.set(id, doc);
      const cached = mapOf(cache, collection);
      if (!cached.has(id)) this.size++;
      cached.set(id, doc);
    };
    const docs: DocAccess = {
      get: <T extends Doc>(collection: string, id: string) => (cache.get(collection)?.get(id) ?? undefined) as T | undefined,
      put: write,
      delete: (collection, id) => write(collection, id, null),
    };
    for (const event of batch) {
      try {
        projection.apply(event, docs);
      } catch (error) {
        throw new ProjectionFailed(projection.name, event.position, event.position, { type: event.type, stream: event.stream }, error);
      }
    }
  }

  /** What changed since the last call, each document once (the same object the cache holds). */
  takeChanges(): DocChange[] {
    const changes: DocChange[] = [];
    for (const [collection, map] of this.dirty) for (const [id, doc] of map) changes.push({ collection, id, doc });
    this.dirty.clear();
    return changes;
  }
}
