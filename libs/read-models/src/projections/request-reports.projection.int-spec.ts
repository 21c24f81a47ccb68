/**
 * The `request-reports` projection through the projector into real SQLite files: the documents it
 * commits are those of the pure fold, however the log is cut into batches, and a rebuild (what
 * `survey rebuild` runs) gives them again in a generation of its own.
 */
import { requestEvents } from '@survey/domain/testing';
import { recordedLoop } from '../testing/fold-as-stored';
import { sqliteProjectionHarness } from '../testing/sqlite-projection-harness';
import { cityRequests, onRequest } from '../testing/request-history';
import { OpenRequestDoc, REQUEST_REPORT as R, RequestDayDoc } from './request-report-docs';
import { requestReportsProjection } from './request-reports.projection';

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

describe('request-reports projection over SQLite', () => {
  const harness = sqliteProjectionHarness(requestReportsProjection, history);

  it.each([1000, 3])('commits the documents of the pure fold in batches of %i', async (batchSize) => {
    const readModels = await harness.projected(batchSize);
    expect(await harness.dump(readModels)).toEqual(harness.expected);
    // Both sets of requests were received on 12-09, with the prototype-named ones.
    expect((await readModels.get<RequestDayDoc>(R.days, '2019-12-09'))?.total.received).toBe(16);
    const december = await readModels.list<RequestDayDoc>(R.days, '2019-12-');
    expect(december.map((d) => d.day)).toEqual([...new Set(december.map((d) => d.day))].sort());
    const open = await readModels.list<OpenRequestDoc>(R.open);
    expect(open.map((c) => c.requestId).sort()).toEqual(['2019-c', '2019-e', '2019-h', '__proto__', 'c', 'e', 'h', 'toString']);
    expect(await readModels.get(R.agencies, 'constructor')).toEqual({ agencyId: 'constructor', name: '构造局' });
  });

  it('gives the same documents again when rebuilt', async () => {
    const { outcome, readModels } = await harness.rebuilt();
    expect(outcome).toBe('switched');
    expect(await harness.dump(readModels)).toEqual(harness.expected);
  });
});
