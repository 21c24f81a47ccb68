/**
 * Which generation MongoDB readers are served, cached: MongoDB cannot resolve the generation
 * inside each query as SQLite does, and a round trip per read would double the report's latency.
 * The cache is reloaded (one small `find` over the `generations` collection) when older than
 * `ttlMs`; a switch therefore reaches readers within that time, and the old generation is dropped
 * only after `dropGraceMs`, so a reader still on it never finds it gone. All reads of one look
 * use the same snapshot of the mapping, and `servedCheckpoint` reports its generation, so a
 * report that sees the same generation and position before and after its reads saw no mix.
 */
import type { Generations } from '../generations';

/** The `generations` collection's documents: one per projection ever rebuilt. */
export interface StoredGenerations extends Generations {
  _id: string;
  /** The projection's collections as of the last switch, so readers know whose generation a collection follows. */
  collections: string[];
  /** The rebuild holding the building generation, and until when (ms since the epoch). */
  builder?: string | null;
  leaseUntil?: number | null;
}

export interface ServedSnapshot {
  /** projection → active generation. */
  projections: Map<string, number>;
  /** collection → active generation of the projection that owns it. */
  collections: Map<string, number>;
}

export function servedSnapshot(docs: StoredGenerations[]): ServedSnapshot {
  const snapshot: ServedSnapshot = { projections: new Map(), collections: new Map() };
  for (const doc of docs) {
    snapshot.projections.set(doc._id, doc.active);
    for (const c of doc.collections ?? []) snapshot.collections.set(c, doc.active);
  }
  return snapshot;
}

export class ServedGenerations {
  private snapshot: ServedSnapshot | undefined;
  private loadedAt = -Infinity;
  private loading: Promise<ServedSnapshot> | undefined;

  constructor(
    private readonly load: () => Promise<StoredGenerations[]>,
    readonly ttlMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long after a switch the old generation may still be read (dropping waits this long). */
  get dropGraceMs(): number {
    return 3 * this.ttlMs;
  }

  async ofCollection(collection: string): Promise<number> {
    return (await this.current()).collections.get(collection) ?? 0;
  }

  async ofProjection(projection: string): Promise<number> {
    return (await this.current()).projections.get(projection) ?? 0;
  }

  /** Forget the snapshot (after this process switched a generation itself). */
  invalidate(): void {
    this.loadedAt = -Infinity;
  }

  private async current(): Promise<ServedSnapshot> {
    if (this.snapshot && this.now() - this.loadedAt < this.ttlMs) return this.snapshot;
    // One load at a time: a burst of reads when the snapshot expires waits for the same one.
    this.loading ??= (async () => {
      const started = this.now();
      try {
        this.snapshot = servedSnapshot(await this.load());
        this.loadedAt = started;
        return this.snapshot;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}
