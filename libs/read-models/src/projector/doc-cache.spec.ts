/** The projector's document cache: what it fetches, what a fold reports changed, and when it is full. */
import { defineProjection } from '../projection';
import type { Doc, DocChange, ProjectionWrites } from '../read-model-store.port';
import { acme, globex, opened, registered, submitted, withdrawn } from '@survey/domain/testing';
import { recorded } from '@survey/event-store/testing';
import { DocCache } from './doc-cache';
import { ProjectionFailed } from './projection-failed';

/** Counts ratings per ballot (one document each) and keeps the last rating of the campaign. */
const ratings = defineProjection({
  name: 'ratings',
  collections: ['ballots', 'last'],
  on: {
    EvaluationSubmitted: {
      reads: (e) => [['ballots', e.data.creditCode]],
      apply(e, docs) {
        const doc = docs.get<{ n: number }>('ballots', e.data.creditCode) ?? { n: 0 };
        doc.n += 1;
        docs.put('ballots', e.data.creditCode, doc);
        docs.put('last', e.data.campaignId, { rating: e.data.rating });
      },
    },
    EvaluationWithdrawn: { reads: () => [], apply: (e, docs) => docs.delete('ballots', e.data.creditCode) },
  },
});

/** A store holding some documents that records each getMany. */
function storeWith(docs: Record<string, Doc>): { store: ProjectionWrites; fetched: string[][] } {
  const fetched: string[][] = [];
  const store = {
    getMany: async <T extends Doc>(collection: string, ids: string[], generation?: number) => {
      fetched.push([collection, String(generation), ...ids]);
      return new Map(ids.filter((id) => docs[`${collection}/${id}`]).map((id) => [id, structuredClone(docs[`${collection}/${id}`]) as T]));
    },
  } as Partial<ProjectionWrites> as ProjectionWrites;
  return { store, fetched };
}

const byId = (changes: DocChange[]) => Object.fromEntries(changes.map((c) => [`${c.collection}/${c.id}`, c.doc]));

describe('DocCache', () => {
  const batch = recorded([opened(), registered(acme), submitted(acme, 'tax', 'satisfied'), submitted(acme, 'police', 'dissatisfied'), submitted(globex, 'tax', 'satisfied')]);

  it('fetches, in one read per collection, only what the batch reads and the cache does not hold', async () => {
    const { store, fetched } = storeWith({ [`ballots/${acme}`]: { n: 5 } });
    const cache = new DocCache(100);
    await cache.prefetch(batch, ratings, store, 3);
    expect(fetched).toEqual([['ballots', '3', acme, globex]]);
    expect(byId(cache.fold(batch, ratings))).toEqual({ [`ballots/${acme}`]: { n: 7 }, [`ballots/${globex}`]: { n: 1 }, 'last/xz-2019': { rating: 'satisfied' } });
    await cache.prefetch(recorded([submitted(globex, 'market', 'satisfied')]), ratings, store, 3);
    expect(fetched).toHaveLength(1); // held since: a write-through cache needs no second read
  });

  it('fetches nothing while it holds every document there is (a projection that has folded nothing)', async () => {
    const { store, fetched } = storeWith({});
    const cache = new DocCache(100);
    cache.reset(true);
    expect(cache.complete).toBe(true);
    await cache.prefetch(batch, ratings, store, 0);
    expect(fetched).toEqual([]);
    cache.drop();
    expect(cache.complete).toBe(false);
  });

  it('reports each changed document once per fold, with its last content, and a deletion as null', () => {
    const cache = new DocCache(100);
    cache.reset(true);
    expect(cache.fold(batch, ratings)).toHaveLength(3);
    const changes = cache.fold(recorded([submitted(acme, 'market', 'satisfied'), withdrawn(acme, 'tax'), opened('xz-2020', { year: 2020 })]), ratings);
    expect(byId(changes)).toEqual({ [`ballots/${acme}`]: null, 'last/xz-2019': { rating: 'satisfied' } });
    expect(cache.fold(recorded([opened('xz-2021', { year: 2021 })]), ratings)).toEqual([]);
  });

  it('is full once it holds more documents than its limit', () => {
    const cache = new DocCache(2);
    cache.reset(true);
    cache.fold(recorded([submitted(acme, 'tax', 'satisfied')]), ratings);
    expect(cache.full).toBe(false);
    cache.fold(recorded([submitted(globex, 'tax', 'satisfied')]), ratings);
    expect(cache.full).toBe(true);
    cache.drop();
    expect(cache.full).toBe(false);
  });

  it('names the event a fold threw on', () => {
    const cache = new DocCache(100);
    const log = recorded([opened(), submitted(acme, 'tax', 'satisfied')]);
    const failing = { ...ratings, apply: () => { throw new Error('boom'); } };
    expect(() => cache.fold(log, failing)).toThrow(ProjectionFailed);
    expect(() => cache.fold(log, failing)).toThrow(`projection ratings failed at position ${log[0].position} (CampaignOpened in campaign-xz-2019): boom`);
  });
});
