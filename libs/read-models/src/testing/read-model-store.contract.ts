/**
 * The ReadModelStore contract: every adapter runs this suite (SQLite in CI, MongoDB when its URL is
 * set). Collection and projection names carry a random suffix, so it also runs on a shared server.
 */
import { randomUUID } from 'node:crypto';
import type { Checkpoint, Doc, ReadModelStore } from '../read-model-store.port';

export type ReadModelStoreFactory = () => Promise<{ store: ReadModelStore; cleanup: () => Promise<void> }>;

/**
 * A document no adapter can store: any serialiser (JSON, BSON, structured clone) reads its
 * enumerable properties, and reading this one throws. Its place in a commit makes the failure
 * happen after earlier changes of the same commit were written.
 */
export function unserialisable(): Doc {
  const doc: Doc = { campaignId: 'xz-2019' };
  Object.defineProperty(doc, 'levels', { enumerable: true, get: () => { throw new Error('cannot serialise this document'); } });
  return doc;
}

export function readModelStoreContract(name: string, make: ReadModelStoreFactory): void {
  describe(`ReadModelStore contract: ${name}`, () => {
    let store: ReadModelStore;
    let cleanup: () => Promise<void>;
    const unique = (kind: string) => `${kind}-${randomUUID()}`;
    const at = (position: number): Checkpoint => ({ position, recordedAt: `2019-11-15T08:00:${String(position % 60).padStart(2, '0')}.000Z` });

    beforeEach(async () => ({ store, cleanup } = await make()));
    afterEach(() => cleanup());

    it('starts a projection at position 0 with no recordedAt, and finds no documents', async () => {
      const c = unique('campaigns');
      expect(await store.checkpoint(unique('reports'))).toEqual({ position: 0, recordedAt: null });
      expect(await store.get(c, 'xz-2019')).toBeUndefined();
      expect(await store.getMany(c, ['xz-2019'])).toEqual(new Map());
      expect(await store.list(c)).toEqual([]);
    });

    it('gets back exactly the documents committed, as copies that later mutation does not reach', async () => {
      const c = unique('campaign-stats');
      const doc = { campaignId: 'xz-2019', title: '2019 评议', respondents: 60512, rate: 0.82, closedAt: null, levels: { satisfied: 3 }, tuple: ['satisfied', {}] };
      await store.commit(unique('reports'), [{ collection: c, id: 'xz-2019', doc }], at(1));
      doc.levels.satisfied = 4; // the projector keeps mutating its cached documents after a commit
      const read = await store.get<typeof doc>(c, 'xz-2019');
      expect(read).toEqual({ ...doc, levels: { satisfied: 3 } });
      read!.respondents = 0;
      expect(await store.get(c, 'xz-2019')).toMatchObject({ respondents: 60512 });
    });

    it('gets many documents by id, only those that exist, and keeps collections apart', async () => {
      const [c, other] = [unique('ballots'), unique('ballots')];
      const p = unique('reports');
      await store.commit(p, [
        { collection: c, id: 'xz-2019/91310110666007217T', doc: { count: 1 } },
        { collection: c, id: 'xz-2019/91350200776049653A', doc: { count: 2 } },
        { collection: other, id: 'xz-2019/91440101MA5CJQ4N59', doc: { count: 3 } },
      ], at(3));
      const found = await store.getMany(c, ['xz-2019/91350200776049653A', 'xz-2019/91440101MA5CJQ4N59', 'xz-2019/91310110666007217T']);
      expect([...found].sort()).toEqual([['xz-2019/91310110666007217T', { count: 1 }], ['xz-2019/91350200776049653A', { count: 2 }]]);
      expect(await store.getMany(c, [])).toEqual(new Map());
      expect(await store.get(other, 'xz-2019/91310110666007217T')).toBeUndefined();
    });

    it('lists a collection ordered by id, all of it or the ids that start with a prefix', async () => {
      const [c, other] = [unique('agency-stats'), unique('agency-stats')];
      // 𠮷 lies beyond U+FFFF (a surrogate pair in UTF-16, four bytes in UTF-8).
      const ids = ['xz-2019/tax', 'xz-2018/tax', 'xz-2019/𠮷', 'xz-2019', 'xz-20190/tax', 'xz-2019/police', 'xz-2019/市税务局', '𠮷-2019'];
      await store.commit(unique('reports'), ids.map((id) => ({ collection: c, id, doc: { id } })), at(7));
      await store.commit(unique('reports'), [{ collection: other, id: 'xz-2019/market', doc: { id: 'xz-2019/market' } }], at(1));
      const listed = async (prefix?: string) => (await store.list<{ id: string }>(c, prefix)).map((d) => d.id);
      expect(await listed()).toEqual(['xz-2018/tax', 'xz-2019', 'xz-2019/police', 'xz-2019/tax', 'xz-2019/市税务局', 'xz-2019/𠮷', 'xz-20190/tax', '𠮷-2019']);
      expect(await listed('xz-2019/')).toEqual(['xz-2019/police', 'xz-2019/tax', 'xz-2019/市税务局', 'xz-2019/𠮷']);
      expect(await listed('xz-2019/t')).toEqual(['xz-2019/tax']);
      expect(await listed('xz-2019/tax')).toEqual(['xz-2019/tax']);
      expect(await listed('xz-2017/')).toEqual([]);
      expect(await listed('')).toHaveLength(ids.length);
    });

    it('reads the ids with a prefix a page at a time, in the same order as list', async () => {
      const c = unique('pending');
      const ids = ['b/3', 'a/1', 'b/1', 'b/𠮷', 'b/10', 'b/市', 'c/1', 'b'];
      await store.commit(unique('progress'), ids.map((id) => ({ collection: c, id, doc: { id } })), at(3));
      const pages: string[][] = [];
      for (let after: string | null = null; ;) {
        const page: { id: string; doc: { id: string } }[] = await store.listPage<{ id: string }>(c, 'b/', after, 2);
        if (page.length === 0) break;
        expect(page.map((p) => p.doc.id)).toEqual(page.map((p) => p.id));
        pages.push(page.map((p) => p.id));
        after = page[page.length - 1].id;
      }
      expect(pages).toEqual([['b/1', 'b/10'], ['b/3', 'b/市'], ['b/𠮷']]);
      expect((await store.listPage(c, '', 'b/市', 10)).map((p) => p.id)).toEqual(['b/𠮷', 'c/1']);
      expect(await store.listPage(c, 'd/', null, 10)).toEqual([]);
    });

    it('replaces documents, deletes those committed as null, and moves the checkpoint', async () => {
      const c = unique('ballots');
      const p = unique('reports');
      await store.commit(p, [{ collection: c, id: 'a', doc: { count: 1 } }, { collection: c, id: 'b', doc: { count: 1 } }], at(2));
      await store.commit(p, [
        { collection: c, id: 'a', doc: { count: 2, current: {} } },
        { collection: c, id: 'b', doc: null },
        { collection: c, id: 'never-written', doc: null },
      ], at(5));
      expect(await store.list(c)).toEqual([{ count: 2, current: {} }]);
      expect(await store.get(c, 'b')).toBeUndefined();
      expect(await store.checkpoint(p)).toEqual(at(5));
      await store.commit(p, [], at(9)); // a batch of events the projection ignores
      expect(await store.checkpoint(p)).toEqual(at(9));
    });

    it('writes the changes and the checkpoint together or not at all', async () => {
      const c = unique('campaign-stats');
      const p = unique('reports');
      await store.commit(p, [{ collection: c, id: 'kept', doc: { n: 1 } }, { collection: c, id: 'doomed', doc: { n: 1 } }], at(4));
      const failing = store.commit(p, [
        { collection: c, id: 'kept', doc: { n: 2 } },
        { collection: c, id: 'doomed', doc: null },
        { collection: c, id: 'new', doc: { n: 1 } },
        { collection: c, id: 'poison', doc: unserialisable() },
        { collection: c, id: 'after', doc: { n: 1 } },
      ], at(8));
      await expect(failing).rejects.toThrow();
      expect(await store.list(c)).toEqual([{ n: 1 }, { n: 1 }]);
      expect(await store.getMany(c, ['kept', 'doomed', 'new', 'poison', 'after'])).toEqual(new Map([['doomed', { n: 1 }], ['kept', { n: 1 }]]));
      expect(await store.checkpoint(p)).toEqual(at(4));
      // The store is still usable: the same batch, once it can be written, goes through whole.
      await store.commit(p, [{ collection: c, id: 'kept', doc: { n: 2 } }, { collection: c, id: 'doomed', doc: null }], at(8));
      expect(await store.list(c)).toEqual([{ n: 2 }]);
      expect(await store.checkpoint(p)).toEqual(at(8));
    });

    it('keeps each projection its own checkpoint', async () => {
      const [p, q] = [unique('reports'), unique('trends')];
      await store.commit(p, [], at(5));
      await store.commit(q, [], at(9));
      await store.commit(p, [], { position: 12, recordedAt: null });
      expect(await store.checkpoint(p)).toEqual({ position: 12, recordedAt: null });
      expect(await store.checkpoint(q)).toEqual(at(9));
    });

    it("resets a projection's collections and checkpoint, and nothing else", async () => {
      const [campaigns, stats, theirs] = [unique('campaigns'), unique('campaign-stats'), unique('trends')];
      const [p, q] = [unique('reports'), unique('trends')];
      await store.commit(p, [{ collection: campaigns, id: 'xz-2019', doc: { year: 2019 } }, { collection: stats, id: 'xz-2019', doc: { respondents: 2 } }], at(6));
      await store.commit(q, [{ collection: theirs, id: 'xz-2019', doc: { n: 2 } }], at(6));
      await store.reset(p, [campaigns, stats]);
      expect(await store.list(campaigns)).toEqual([]);
      expect(await store.list(stats)).toEqual([]);
      expect(await store.checkpoint(p)).toEqual({ position: 0, recordedAt: null });
      expect(await store.list(theirs)).toEqual([{ n: 2 }]);
      expect(await store.checkpoint(q)).toEqual(at(6));
      await store.reset(unique('never-ran'), [unique('nothing')]); // resetting nothing is fine
    });
  });
}
