/**
 * The `reports` read models as they stood at a past time or position, folded from the log into
 * memory on a replay worker thread (replay/), never on the event loop that answers HTTP, never into
 * the live read models. The segments projection is not replayed: segment breakdowns are not offered
 * as of a past time.
 *
 * An as-of time is first resolved to the position it means: on SQLite by bisecting the log's
 * recordedAt on a read-only connection (a few dozen primary-key lookups), so that times that mean
 * the same prefix share one replay, cached and in flight, keyed by position. A prefix never changes
 * once the log holds it, so those are kept for good (the most recent few). The bisection is exact
 * when no event of the prefix it finds was recorded after the time, which the worker reports as it
 * folds (the latest recordedAt it saw); where one was (recordedAt going back along the log: clocks
 * of several writers), and on EventStoreDB, which has no such index, the replay folds by the time
 * itself, as it always did, kept per time.
 */
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore, ReadOnlySqliteLog } from '@survey/event-store';
import { MemoryDocs } from '@survey/read-models';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { FoldedAt, ReplayProgress } from './fold-to-targets';
import { ReplayPool } from './replay-pool';
import { replaySourceOf } from './replay-source';

export interface Replayed {
  docs: MemoryDocs;
  /** Position and recordedAt of the last event folded in (0 / null: none). */
  position: number;
  recordedAt: string | null;
}

type Kept = Replayed & Pick<FoldedAt, 'latest' | 'final'>;

const KEEP_POSITIONS = 32; // a replay keeps only the report documents: small
const KEEP_TIMES = 8;

@Injectable()
export class LogReplay implements OnApplicationShutdown {
  private readonly index: ReadOnlySqliteLog | undefined;
  private readonly byPosition = new Map<number, Promise<Kept>>();
  private readonly byTime = new Map<number, Promise<Kept>>();
  /** The shortest prefix a fold found recordedAt going back in: the bisection is not tried beyond it. */
  private disorderedFrom = Infinity;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly pool: ReplayPool,
  ) {
    const source = replaySourceOf(config);
    this.index = source.kind === 'sqlite' ? ReadOnlySqliteLog.open(source.file) : undefined;
  }

  /** The longest prefix of the log recorded at or before `time`. */
  async at(time: Date): Promise<Replayed> {
    const located = this.index?.locate(time);
    if (located && (located.position < this.disorderedFrom || this.byPosition.has(located.position))) {
      // The bisection guarantees the event after the prefix is later than the time; the fold, that none in it is.
      const [kept] = await this.atPositions([located.position]);
      if (kept.latest <= time.getTime()) return kept;
    }
    return this.atTime(time.getTime());
  }

  /** The log folded up to each position (ascending), in one pass over what no replay holds yet. */
  async atPositions(targets: number[], onProgress?: ReplayProgress): Promise<Kept[]> {
    // Up to the head, a prefix is fixed for good; a position past it means the head, for now.
    const head = await this.store.headPosition();
    const clamped = targets.map((t) => Math.min(t, head));
    const found = new Map(clamped.map((t) => [t, this.byPosition.get(t)]));
    const missing = [...found.keys()].filter((t) => !found.get(t)).sort((a, b) => a - b);
    if (missing.length > 0) {
      const replaying = this.replay({ targets: missing }, onProgress);
      for (const [i, target] of missing.entries()) {
        found.set(target, replaying.then((all) => all[i]));
        this.keep(this.byPosition, target, found.get(target)!, KEEP_POSITIONS);
      }
    }
    return Promise.all(clamped.map((t) => found.get(t)!));
  }

  private async atTime(until: number): Promise<Kept> {
    const kept = this.byTime.get(until);
    if (kept) {
      const replayed = await kept;
      if (replayed.final || replayed.position === (await this.store.headPosition())) return replayed;
    }
    const replaying = this.replay({ targets: [Number.MAX_SAFE_INTEGER], until }).then(([only]) => only);
    this.keep(this.byTime, until, replaying, KEEP_TIMES);
    return replaying;
  }

  private async replay(task: { targets: number[]; until?: number }, onProgress?: ReplayProgress): Promise<Kept[]> {
    // Before the first event there is nothing to fold: no thread needed.
    const folded: FoldedAt[] = task.until === undefined && task.targets.every((t) => t === 0)
      ? task.targets.map((target) => ({ target, position: 0, recordedAt: null, ordered: true, latest: -Infinity, final: false, docs: [] }))
      : await this.pool.run(task, onProgress);
    return folded.map((f) => {
      if (task.until === undefined && !f.ordered) this.disorderedFrom = Math.min(this.disorderedFrom, f.target);
      return { docs: MemoryDocs.from(f.docs), position: f.position, recordedAt: f.recordedAt, latest: f.latest, final: f.final };
    });
  }

  /** Kept in insertion order, the oldest dropped first; a failed replay is not kept. */
  private keep<K>(map: Map<K, Promise<Kept>>, key: K, replaying: Promise<Kept>, limit: number): void {
    map.delete(key);
    map.set(key, replaying);
    replaying.catch(() => map.get(key) === replaying && map.delete(key));
    while (map.size > limit) map.delete(map.keys().next().value!);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.index?.close();
  }
}
