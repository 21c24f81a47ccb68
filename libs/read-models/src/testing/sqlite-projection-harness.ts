/**
 * A projection run through the projector into real SQLite files, for its int-spec: a fresh event
 * store holding the history (appended in one group commit, so in the given order) and read-model
 * store per run, the documents the projection committed, and the pure fold they must equal. Call
 * it at a describe's top level: it removes its files itself. Imported by path (it opens SQLite
 * files), not through the kit's index.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordedEvent, SqliteEventStore } from '@survey/event-store';
import type { Projection } from '../projection';
import { Projector } from '../projector/projector';
import type { Doc, ReadModelStore } from '../read-model-store.port';
import { Rebuild } from '../rebuild';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { foldAsStored } from './fold-as-stored';

export interface SqliteProjectionHarness {
  /** The pure fold of the history: what every run must commit, keyed `collection|id`. */
  expected: Map<string, Doc>;
  /** The read models after the projector folded the whole history in batches of `batchSize`. */
  projected(batchSize: number): Promise<ReadModelStore>;
  /** The read models after a rebuild (what `survey rebuild` runs) into a generation of its own, and how it ended. */
  rebuilt(): Promise<{ outcome: string; readModels: ReadModelStore }>;
  /** Every document of the projection's collections, keyed `collection|id`, as foldAsStored keys them. */
  dump(readModels: ReadModelStore): Promise<Map<string, Doc>>;
}

export function sqliteProjectionHarness(projection: Projection, history: readonly RecordedEvent[]): SqliteProjectionHarness {
  const dir = mkdtempSync(join(tmpdir(), `${projection.name}-`));
  let files = 0;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function world() {
    const events = SqliteEventStore.open(join(dir, `${++files}-events.db`), { pollIntervalMs: 20 });
    const readModels = SqliteReadModelStore.open(join(dir, `${files}-read-models.db`));
    cleanups.push(() => events.close(), () => readModels.close());
    // One turn: one group commit keeps the given order.
    await Promise.all(history.map(({ stream, id, type, data, metadata }) => events.append(stream, [{ id, type, data, metadata }], 'any')));
    return { events, readModels };
  }

  return {
    expected: foldAsStored(projection, history),
    async projected(batchSize) {
      const { events, readModels } = await world();
      const projector = new Projector(events, readModels, projection, { batchSize, cacheSize: 4 });
      cleanups.push(() => projector.stop());
      await projector.start();
      await projector.catchUp(10_000);
      return readModels;
    },
    async rebuilt() {
      const { events, readModels } = await world();
      const { outcome } = await new Rebuild(events, readModels, projection, { batchSize: 5, pollMs: 5 }).run();
      return { outcome, readModels };
    },
    async dump(readModels) {
      const docs = new Map<string, Doc>();
      for (const collection of projection.collections) {
        const page = await readModels.listPage<Doc>(collection, '', null, 10_000);
        for (const { id, doc } of page) docs.set(`${collection}|${id}`, doc);
      }
      return docs;
    },
  };
}
