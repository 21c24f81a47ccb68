/**
 * The case and request queues on real SQLite stores, read through the queues' index: each answers
 * what its filter and viewer ask for, a page at a time, and reads (getMany) only the documents of
 * the scope and buckets that filter needs — not every case or request of the city.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClosedLoopEvent, RequestEvent, SurveyEvent } from '@survey/domain';
import { acme } from '@survey/domain/testing';
import { SqliteEventStore } from '@survey/event-store';
import { streamOf, toNew } from '@survey/event-store/testing';
import {
  CASES, casesProjection, DocChange, DocumentReads, REQUEST_QUEUE, requestQueueProjection, SqliteReadModelStore,
} from '@survey/read-models';
import { caseCampaign, cityRequests, foldAsStored, on, recordedLoop, taxCases } from '@survey/read-models/testing';
import type { Principal } from '../auth/tokens';
import { CaseReads } from '../cases/case-reads';
import { ListCasesHandler } from '../cases/list-cases.handler';
import { CaseFilter, ListCasesQuery } from '../cases/list-cases.query';
import { ListRequestsHandler } from '../requests/list-requests.handler';
import { RequestFilter, ListRequestsQuery } from '../requests/list-requests.query';
import { RequestReads } from '../requests/request-reads';
import { Aggregates } from './aggregates';
import { ManualClock } from './clock';

const other = '91350200776049653A';
const centre: Principal = { role: 'centre', sub: 'staff-1' };
const agency = (agencyId: string): Principal => ({ role: 'agency', sub: `${agencyId}-officer`, agencyId });
const enterprise = (sub: string): Principal => ({ role: 'enterprise', sub });

/** Another enterprise's requests: the same paths, filed by `other`. */
const filedBy = (creditCode: string, events: RequestEvent[]): RequestEvent[] =>
  events.map((e) => (e.type === 'RequestReceived' ? { ...e, data: { ...e.data, creditCode } } : e));

// Cases: six of the tax bureau in xz-2019 (a–d closed, e and f open), the same six of the police (p…), and of `constructor` in xz-2018 (q…).
const cases = [...taxCases(), ...on({ agencyId: 'police' }, ...taxCases('p')), ...on({ agencyId: 'constructor', campaignId: 'xz-2018' }, ...taxCases('q'))];
// Requests: acme's seven (a closed, b closed, c escalated at tax after police returned it, d withdrawn, e at tax, f closed, h received) and other's (o…).
const requests = [...cityRequests(), ...filedBy(other, cityRequests('o'))];

describe('the queues, read through their index', () => {
  let dir: string;
  let events: SqliteEventStore;
  let store: SqliteReadModelStore;
  /** Every id getMany was asked for, by collection. */
  const fetched = new Map<string, string[]>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'queues-'));
    events = SqliteEventStore.open(join(dir, 'events.db'));
    store = SqliteReadModelStore.open(join(dir, 'read-models.db'));
    for (const [i, e] of [caseCampaign('xz-2019'), caseCampaign('xz-2018')].entries()) await events.append(streamOf(e as SurveyEvent), [toNew(e, i)], 'any');
    const recorded = recordedLoop([...cases, ...requests] as ClosedLoopEvent[]);
    for (const projection of [casesProjection, requestQueueProjection]) {
      const changes: DocChange[] = [...foldAsStored(projection, recorded)].map(([key, doc]) => {
        const at = key.indexOf('|');
        return { collection: key.slice(0, at), id: key.slice(at + 1), doc };
      });
      await store.commit(projection.name, changes, { position: recorded.length, recordedAt: null });
    }
  });
  afterAll(async () => {
    await events.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => fetched.clear());

  /** The real store, with getMany's ids noted. */
  const counted = (): DocumentReads => new Proxy(store, {
    get(target, name, receiver) {
      if (name === 'getMany') {
        return (collection: string, ids: string[]) => {
          fetched.set(collection, [...(fetched.get(collection) ?? []), ...ids]);
          return target.getMany(collection, ids);
        };
      }
      const value: unknown = Reflect.get(target, name, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const clock = new ManualClock(new Date('2019-12-28T02:00:00Z'));
  const aggregates = () => new Aggregates(events, clock);

  /** Every page of a case queue, followed by its cursors: the ids in queue order. */
  async function caseQueue(who: Principal, filter: Omit<CaseFilter, 'limit'>, limit = 4): Promise<string[]> {
    const handler = new ListCasesHandler(new CaseReads(counted(), aggregates()));
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = await handler.execute(new ListCasesQuery({ ...filter, limit, after }, who));
      expect(page.cases.length).toBeLessThanOrEqual(limit);
      ids.push(...page.cases.map((c) => c.caseId));
      after = page.next ?? undefined;
    } while (after);
    return ids;
  }

  async function requestQueue(who: Principal, filter: Omit<RequestFilter, 'limit'>, limit = 3): Promise<string[]> {
    const handler = new ListRequestsHandler(new RequestReads(counted(), events, aggregates()));
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = await handler.execute(new ListRequestsQuery({ ...filter, limit, after }, who));
      ids.push(...page.requests.map((r) => r.requestId));
      after = page.next ?? undefined;
    } while (after);
    return ids;
  }

  const read = (collection: string) => [...new Set(fetched.get(collection) ?? [])].sort();

  it('an agency’s open queue reads that agency’s open cases only: overdue first, by due date', async () => {
    // pe waits on its contact (due 12-09), pf on its rectification (due 12-27): both overdue on 12-28.
    expect(await caseQueue(agency('police'), { status: 'open' })).toEqual(['pe', 'pf']);
    expect(read(CASES)).toEqual(['pe', 'pf']);
  });

  it('the centre’s queue of one agency, every status, pages through its cases and reads no other', async () => {
    // Overdue e (contact due 12-09) and f (rectify due 12-27); then the closed ones by their last rectify due: a, b, d 12-27, c 2020-01-02 (round 2).
    expect(await caseQueue(centre, { agencyId: 'tax' }, 2)).toEqual(['e', 'f', 'a', 'b', 'd', 'c']);
    expect(read(CASES)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('the centre’s closed cases of one campaign read that campaign’s closed cases only', async () => {
    expect((await caseQueue(centre, { campaignId: 'xz-2018', status: 'closed' })).sort()).toEqual(['qa', 'qb', 'qc', 'qd']);
    expect(read(CASES)).toEqual(['qa', 'qb', 'qc', 'qd']);
  });

  it('the centre’s overdue cases across agencies and campaigns', async () => {
    expect((await caseQueue(centre, { status: 'overdue' })).sort()).toEqual(['e', 'f', 'pe', 'pf', 'qe', 'qf']);
    expect(read(CASES)).toEqual(['e', 'f', 'pe', 'pf', 'qe', 'qf']);
  });

  it('an enterprise reads its own requests only', async () => {
    expect((await requestQueue(enterprise(other), {})).sort()).toEqual(['oa', 'ob', 'oc', 'od', 'oe', 'of', 'oh']);
    expect(read(REQUEST_QUEUE)).toEqual(['oa', 'ob', 'oc', 'od', 'oe', 'of', 'oh']);
    expect((await requestQueue(enterprise(acme), { status: 'withdrawn' }))).toEqual(['d']);
  });

  it('an agency reads the requests dispatched to it, also one it returned', async () => {
    expect((await requestQueue(agency('police'), {})).sort()).toEqual(['c', 'oc']);
    expect(read(REQUEST_QUEUE)).toEqual(['c', 'oc']);
    fetched.clear();
    expect((await requestQueue(agency('tax'), { category: 'approval', status: 'open' })).sort()).toEqual(['c', 'oc']);
    expect(read(REQUEST_QUEUE)).toEqual(['c', 'oc']);
  });

  it('the centre’s finished requests read the finished ones only', async () => {
    expect((await requestQueue(centre, { status: 'closed' })).sort()).toEqual(['a', 'b', 'f', 'oa', 'ob', 'of']);
    expect(read(REQUEST_QUEUE)).toEqual(['a', 'b', 'd', 'f', 'oa', 'ob', 'od', 'of']);
  });

  it('refuses a cursor that is no page’s `next` before reading anything', async () => {
    const handler = new ListCasesHandler(new CaseReads(counted(), aggregates()));
    await expect(handler.execute(new ListCasesQuery({ limit: 5, after: 'not-a-cursor' }, centre))).rejects.toMatchObject({ name: 'Invalid' });
    expect(fetched.size).toBe(0);
  });
});
