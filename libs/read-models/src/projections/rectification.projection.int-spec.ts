/**
 * The `rectification` projection through the projector into real SQLite files: the documents it
 * commits are those of the pure fold, however the log is cut into batches, and a rebuild (what
 * `survey rebuild` runs) gives them again in a generation of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@survey/event-store';
import { Projector } from '../projector/projector';
import { Rebuild } from '../rebuild';
import type { Doc, ReadModelStore } from '../read-model-store.port';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { foldAsStored, recordedLoop } from '../testing/fold-as-stored';
import { caseCampaign, on, TAX_CASES_COUNTS, taxCases } from '../testing/rectification-history';
import { caseEvents } from '@survey/domain/testing';
import { OpenCaseDoc, RECTIFICATION as R, RectificationStatsDoc } from './rectification-docs';
import { rectificationProjection } from './rectification.projection';

const dir = mkdtempSync(join(tmpdir(), 'rectification-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const { caseOpened, contacted } = caseEvents;
// Two campaigns, three agencies (one named `constructor`), prototype-named cases among them.
const history = recordedLoop([
  caseCampaign('xz-2019'), caseCampaign('constructor'),
  ...taxCases(),
  ...on({ caseId: '__proto__', agencyId: 'constructor' }, caseOpened(), contacted()),
  ...on({ caseId: 'toString', campaignId: 'constructor', agencyId: 'constructor' }, caseOpened()),
  ...on({ campaignId: 'constructor' }, ...taxCases('2019-')),
]);

async function dump(store: ReadModelStore): Promise<Map<string, Doc>> {
  const docs = new Map<string, Doc>();
  for (const collection of rectificationProjection.collections) {
    const page = await store.listPage<Doc>(collection, '', null, 10_000);
    for (const { id, doc } of page) docs.set(`${collection}|${id}`, doc);
  }
  return docs;
}

async function world() {
  const events = SqliteEventStore.open(join(dir, `${++files}-events.db`), { pollIntervalMs: 20 });
  const readModels = SqliteReadModelStore.open(join(dir, `${files}-read-models.db`));
  cleanups.push(() => events.close(), () => readModels.close());
  // One turn: one group commit keeps the given order.
  await Promise.all(history.map(({ stream, id, type, data, metadata }) => events.append(stream, [{ id, type, data, metadata }], 'any')));
  return { events, readModels };
}

describe('rectification projection over SQLite', () => {
  const expected = foldAsStored(rectificationProjection, history);

  it.each([1000, 3])('commits the documents of the pure fold in batches of %i', async (batchSize) => {
    const { events, readModels } = await world();
    const projector = new Projector(events, readModels, rectificationProjection, { batchSize, cacheSize: 4 });
    cleanups.push(() => projector.stop());
    await projector.start();
    await projector.catchUp(10_000);
    expect(await dump(readModels)).toEqual(expected);
    expect(await readModels.get<RectificationStatsDoc>(R.stats, 'xz-2019/tax')).toEqual({ campaignId: 'xz-2019', agencyId: 'tax', ...TAX_CASES_COUNTS });
    expect(await readModels.get<RectificationStatsDoc>(R.stats, 'constructor/tax')).toEqual({ campaignId: 'constructor', agencyId: 'tax', ...TAX_CASES_COUNTS });
    expect(await readModels.get<RectificationStatsDoc>(R.stats, 'xz-2019/constructor')).toMatchObject({ cases: 1, contacted: 1, contactedOnTime: 1 });
    const open = await readModels.list<OpenCaseDoc>(R.open, 'constructor/');
    expect(open.map((c) => c.caseId).sort()).toEqual(['2019-e', '2019-f', 'toString']);
  });

  it('gives the same documents again when rebuilt', async () => {
    const { events, readModels } = await world();
    const outcome = await new Rebuild(events, readModels, rectificationProjection, { batchSize: 5, pollMs: 5 }).run();
    expect(outcome.outcome).toBe('switched');
    expect(await dump(readModels)).toEqual(expected);
  });
});
