/**
 * The `cases` and `request-queue` projections, queue index included, through the projector into
 * real SQLite files: what they commit is the pure fold, however the log is cut into batches (an
 * index entry moved to the done bucket is deleted from the open one in the same commit), and a
 * rebuild gives it again.
 */
import { acme, caseEvents } from '@survey/domain/testing';
import { recordedLoop } from '../testing/fold-as-stored';
import { caseCampaign, closedAs, on, taxCases } from '../testing/rectification-history';
import { cityRequests } from '../testing/request-history';
import { sqliteProjectionHarness } from '../testing/sqlite-projection-harness';
import { CASE_QUEUES, casesProjection } from './cases.projection';
import { agencyScope, ALL, enterpriseScope, QueueEntry, queuePrefix } from './queue-index';
import { REQUEST_QUEUES, requestQueueProjection } from './request-queue.projection';

const { caseOpened, local } = caseEvents;

describe('cases projection and its queue index over SQLite', () => {
  // The tax bureau's six cases (a–d closed), the police's, and one of an agency named `__proto__` opened and closed in one batch of three.
  const history = recordedLoop([
    caseCampaign('xz-2019'), ...taxCases(), ...on({ agencyId: 'police' }, ...taxCases('p')),
    ...on({ caseId: 'constructor', agencyId: '__proto__' }, caseOpened(), closedAs('unreachable', null, local('2019-12-10 10:00'))),
  ]);
  const harness = sqliteProjectionHarness(casesProjection, history);

  it.each([1000, 3])('commits the documents of the pure fold in batches of %i', async (batchSize) => {
    const readModels = await harness.projected(batchSize);
    expect(await harness.dump(readModels)).toEqual(harness.expected);
    const ids = async (prefix: string) => (await readModels.list<QueueEntry>(CASE_QUEUES, prefix)).map((e) => e.id);
    expect(await ids(queuePrefix('open', agencyScope('tax')))).toEqual(['e', 'f']);
    expect(await ids(queuePrefix('done', agencyScope('police')))).toEqual(['pa', 'pb', 'pc', 'pd']);
    expect(await ids(queuePrefix('open', ALL))).toEqual(['e', 'f', 'pe', 'pf']);
    expect(await ids(queuePrefix('open', agencyScope('__proto__')))).toEqual([]);
    expect(await ids(queuePrefix('done', agencyScope('__proto__')))).toEqual(['constructor']);
  });

  it('gives the same documents again when rebuilt', async () => {
    const { outcome, readModels } = await harness.rebuilt();
    expect(outcome).toBe('switched');
    expect(await harness.dump(readModels)).toEqual(harness.expected);
  });
});

describe('request-queue projection and its queue index over SQLite', () => {
  const history = recordedLoop([...cityRequests(), ...cityRequests('2019-')]);
  const harness = sqliteProjectionHarness(requestQueueProjection, history);

  it.each([1000, 3])('commits the documents of the pure fold in batches of %i', async (batchSize) => {
    const readModels = await harness.projected(batchSize);
    expect(await harness.dump(readModels)).toEqual(harness.expected);
    const ids = async (prefix: string) => (await readModels.list<QueueEntry>(REQUEST_QUEUES, prefix)).map((e) => e.id);
    // c was returned by the police and stays in its queue; d was withdrawn; e waits at tax; h was never dispatched.
    expect(await ids(queuePrefix('open', agencyScope('police')))).toEqual(['2019-c', 'c']);
    expect(await ids(queuePrefix('open', agencyScope('tax')))).toEqual(['2019-c', '2019-e', 'c', 'e']);
    expect(await ids(queuePrefix('done', ALL))).toEqual(['2019-a', '2019-b', '2019-d', '2019-f', 'a', 'b', 'd', 'f']);
    expect(await ids(queuePrefix('open', enterpriseScope(acme)))).toEqual(['2019-c', '2019-e', '2019-h', 'c', 'e', 'h']);
  });

  it('gives the same documents again when rebuilt', async () => {
    const { outcome, readModels } = await harness.rebuilt();
    expect(outcome).toBe('switched');
    expect(await harness.dump(readModels)).toEqual(harness.expected);
  });
});
