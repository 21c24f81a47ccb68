/**
 * The `request-reports` projection through the projector into real SQLite files: the documents it
 * commits are those of the pure fold, however the log is cut into batches, and a rebuild (what
 * `survey rebuild` runs) gives them again in a generation of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requestEvents } from '@survey/domain/testing';
import { SqliteEventStore } from '@survey/event-store';
import { Projector } from '../projector/projector';
import { Rebuild } from '../rebuild';
import type { Doc, ReadModelStore } from '../read-model-store.port';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { foldAsStored, recordedLoop } from '../testing/fold-as-stored';
import { cityRequests, onRequest } from '../testing/request-history';
import { OpenRequestDoc, REQUEST_REPORT as R, RequestDayDoc } from './request-report-docs';
import { requestReportsProjection } from './request-reports.projection';

const dir = mkdtempSync(join(tmpdir(), 'request-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const { received, dispatched } = requestEvents;
// Two sets of the city's requests, the directory's agencies, and prototype-named requests, agencies and categories.
const history = recordedLoop([
  { type: 'AgencyRegistered', data: { agencyId: 'tax', name: '市税务局', at: '2019-12-01T02:00:00.000Z' } },
  { type: 'AgencyRegistered', data: { agencyId: 'constructor', name: '构造局', at: '2019-12-01T02:00:00.000Z' } },
  ...cityRequests(),
  ...onRequest('__proto__', received('constructor'), dispatched('constructor')),
  ...onRequest('toString', received('__proto__')),
  ...cityRequests('2019-'),
]);

async function dump(store: ReadModelStore): Promise<Map<string, Doc>> {
  const docs = new Map<string, Doc>();
  for (const collection of requestReportsProjection.collections) {
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

describe('request-reports projection over SQLite', () => {
  const expected = foldAsStored(requestReportsProjection, history);

  it.each([1000, 3])('commits the documents of the pure fold in batches of %i', async (batchSize) => {
    const { events, readModels } = await world();
    const projector = new Projector(events, readModels, requestReportsProjection, { batchSize, cacheSize: 4 });
    cleanups.push(() => projector.stop());
    await projector.start();
    await projector.catchUp(10_000);
    expect(await dump(readModels)).toEqual(expected);
    // Both sets of requests were received on 12-09, with the prototype-named ones.
    expect((await readModels.get<RequestDayDoc>(R.days, '2019-12-09'))?.total.received).toBe(16);
    const december = await readModels.list<RequestDayDoc>(R.days, '2019-12-');
    expect(december.map((d) => d.day)).toEqual([...new Set(december.map((d) => d.day))].sort());
    const open = await readModels.list<OpenRequestDoc>(R.open);
    expect(open.map((c) => c.requestId).sort()).toEqual(['2019-c', '2019-e', '2019-h', '__proto__', 'c', 'e', 'h', 'toString']);
    expect(await readModels.get(R.agencies, 'constructor')).toEqual({ agencyId: 'constructor', name: '构造局' });
  });

  it('gives the same documents again when rebuilt', async () => {
    const { events, readModels } = await world();
    const outcome = await new Rebuild(events, readModels, requestReportsProjection, { batchSize: 5, pollMs: 5 }).run();
    expect(outcome.outcome).toBe('switched');
    expect(await dump(readModels)).toEqual(expected);
  });
});
