/**
 * Follows the event log from a projection's checkpoint and folds each batch into read models.
 * Per batch: fetch the documents the events read (from a write-through cache, since the projector
 * is the only writer), apply the events in memory, then commit the changed documents and the new
 * checkpoint in one transaction. A crash mid-batch therefore loses the whole batch or none of it,
 * and the restart re-folds exactly what was not committed: nothing lost, nothing counted twice.
 *
 * Generations: by default the projector folds into the projection's active generation and follows
 * a switch (a rebuild finished elsewhere): its next commit is refused as retired, writing nothing,
 * and it starts again on the new active generation from that generation's own checkpoint. A
 * rebuild's projector is given its generation and stays on it.
 */
import { PositionWaiters } from '@survey/event-store';
import type { EventStore, RecordedEvent, Subscription } from '@survey/event-store';
import { isGenerationRetired } from './generations';
import type { DocAccess, Projection } from './projection';
import type { Checkpoint, Doc, DocChange, GenerationAdministration, ProjectionWrites } from './read-model-store.port';

/** The store as a projector uses it: its generation's documents and commits, and which generation is active. */
export type ProjectorStore = ProjectionWrites & Pick<GenerationAdministration, 'generations'>;

export interface ProjectorOptions {
  batchSize?: number;
  /** Documents kept in memory between batches; the cache is dropped when it grows past this. */
  cacheSize?: number;
  onError?: (error: unknown) => void;
  /** Fold into this generation (a rebuild's); by default the active one, followed across switches. */
  generation?: number;
}

/** collection → id → document (null: known not to exist). */
type DocMap = Map<string, Map<string, Doc | null>>;

function mapOf(maps: DocMap, collection: string): Map<string, Doc | null> {
  let map = maps.get(collection);
  if (!map) maps.set(collection, (map = new Map()));
  return map;
}

export class Projector {
  private readonly cache: DocMap = new Map();
  private cached = 0;
  private subscription?: Subscription;
  private checkpoint: Checkpoint = { position: 0, recordedAt: null };
  private readonly waiters = new PositionWaiters();
  private failure: unknown = null;
  private inFlight: Promise<void> | null = null;
  private stopping: Promise<void> | undefined;
  /**
   * True while the cache holds every document this projection has: from an empty start until the
   * cache is first dropped. A miss then means "no such document" and needs no round trip, which
   * makes a rebuild from scratch fetch nothing at all.
   */
  private cacheIsComplete = false;
  private generationInUse = 0;
  private switching: Promise<void> | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly readModels: ProjectorStore,
    readonly projection: Projection,
    private readonly options: ProjectorOptions = {},
  ) {}

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
    this.inFlight = null;
    this.dropCache();
    this.cacheIsComplete = this.checkpoint.position === 0;
    // A projection that has folded nothing owns no documents: clear any left by an interrupted start.
    if (this.cacheIsComplete) await this.readModels.reset(this.projection.name, this.projection.collections, generation);
    this.subscription = this.events.subscribeToAll(
      { after: this.checkpoint.position, batchSize: this.options.batchSize ?? 2000 },
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
    this.dropCache();
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
    this.dropCache();
    this.switching = (async () => {
      await subscription?.stop().catch(() => undefined);
      this.inFlight = null; // the refused commit: its handler has ended with the subscription
      await this.start();
    })()
      .catch((error: unknown) => this.failed(error))
      .finally(() => (this.switching = undefined));
  }

  /** Finishes the batch in hand (its checkpoint is then stored) and stops following the log. */
  async stop(): Promise<void> {
    await this.switching;
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.committed().catch(() => undefined); // a failure has been reported by then
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
    if (this.cached > (this.options.cacheSize ?? 500_000)) {
      await this.committed();
      this.dropCache();
    }
    if (!this.cacheIsComplete) await this.committed(); // prefetch reads the store: let it hold the last batch
    await this.prefetch(batch);
    const dirty: DocMap = new Map();
    const cache = this.cache;
    const write = (collection: string, id: string, doc: Doc | null) => {
      const changed = mapOf(dirty, collection);
      // Counters are put again after every event: once marked, the same object needs nothing more.
      if (doc !== null && changed.get(id) === doc) return;
      changed.set(id, doc);
      const cached = mapOf(cache, collection);
      if (!cached.has(id)) this.cached++;
      cached.set(id, doc);
    };
    const docs: DocAccess = {
      get: <T extends Doc>(collection: string, id: string) => (cache.get(collection)?.get(id) ?? undefined) as T | undefined,
      put: write,
      delete: (collection, id) => write(collection, id, null),
    };
    for (const event of batch) this.projection.apply(event, docs);
    const changes: DocChange[] = [];
    for (const [collection, map] of dirty) for (const [id, doc] of map) changes.push({ collection, id, doc });
    const last = batch[batch.length - 1];
    const checkpoint = { position: last.position, recordedAt: last.metadata.recordedAt };
    // One commit in flight at a time, in order: the next batch folds while this one is written.
    await this.committed();
    const inFlight = this.readModels.commit(this.projection.name, changes, checkpoint, this.generationInUse).then(
      () => {
        this.checkpoint = checkpoint;
        this.waiters.reached(checkpoint.position);
      },
      (error: unknown) => {
        this.failed(error); // the cache holds changes that never reached the store: failed() drops it
        throw error;
      },
    );
    inFlight.catch(() => undefined); // reported through failed(); whoever awaits it still sees the error
    this.inFlight = inFlight;
  }

  /** Resolves once the commit in flight, if any, is done; rejects if it failed. */
  private async committed(): Promise<void> {
    const inFlight = this.inFlight;
    this.inFlight = null;
    if (inFlight) await inFlight;
  }

  private dropCache(): void {
    this.cache.clear();
    this.cached = 0;
    this.cacheIsComplete = false;
  }

  private async prefetch(batch: RecordedEvent[]): Promise<void> {
    if (this.cacheIsComplete) return;
    const missing = new Map<string, Set<string>>();
    for (const event of batch) {
      for (const [collection, id] of this.projection.reads(event)) {
        if (this.cache.get(collection)?.has(id)) continue;
        let ids = missing.get(collection);
        if (!ids) missing.set(collection, (ids = new Set()));
        ids.add(id);
      }
    }
    for (const [collection, ids] of missing) {
      const found = await this.readModels.getMany(collection, [...ids], this.generationInUse);
      const cached = mapOf(this.cache, collection);
      for (const id of ids) cached.set(id, found.get(id) ?? null);
      this.cached += ids.size;
    }
  }
}
