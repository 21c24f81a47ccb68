import { unserialisable } from '../testing/read-model-store.contract';
import { collectionName, InOrder, prefixRange, toBulkWrites } from './mongo-operations';

describe('collectionName', () => {
  it('prefixes read-model collections, so none can be `checkpoints` or a system collection', () => {
    expect(collectionName('agency-stats')).toBe('rm_agency-stats');
    expect(collectionName('checkpoints')).toBe('rm_checkpoints');
    expect(collectionName('system.views')).toBe('rm_system.views');
  });

  it('refuses names MongoDB does not allow', () => {
    for (const bad of ['', 'a$b', 'a\0b']) expect(() => collectionName(bad)).toThrow(/not allowed in MongoDB/);
  });
});

describe('prefixRange', () => {
  // The server compares strings without a collation by their UTF-8 bytes; so does this.
  const utf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  const ids = ['xz-2019/tax', 'xz-2018/tax', 'xz-2019/𠮷', 'xz-2019', 'xz-20190/tax', 'xz-2019/police', 'xz-2019/市税务局', '𠮷-2019', 'xz-2019/\uFFFF'];
  const select = (prefix?: string) => {
    const { $gte, $lt } = prefixRange(prefix);
    return ids.filter((id) => utf8(id, $gte) >= 0 && utf8(id, $lt) < 0).sort(utf8);
  };

  it('bounds the ids that start with the prefix, the last code point U+10FFFF included as a next character', () => {
    expect(prefixRange('xz-2019/')).toEqual({ $gte: 'xz-2019/', $lt: 'xz-2019/\u{10FFFF}' });
    expect(select('xz-2019/')).toEqual(['xz-2019/police', 'xz-2019/tax', 'xz-2019/市税务局', 'xz-2019/\uFFFF', 'xz-2019/𠮷']);
    expect(select('xz-2019/t')).toEqual(['xz-2019/tax']);
    expect(select('xz-2017/')).toEqual([]);
  });

  it('takes every id without a prefix, in UTF-8 byte order: beyond-BMP characters after U+FFFF, unlike UTF-16 order', () => {
    expect(select()).toHaveLength(ids.length);
    expect(select().slice(-4)).toEqual(['xz-2019/\uFFFF', 'xz-2019/𠮷', 'xz-20190/tax', '𠮷-2019']);
    expect(['xz-2019/\uFFFF', 'xz-2019/𠮷'].sort()).toEqual(['xz-2019/𠮷', 'xz-2019/\uFFFF']); // what a JS sort would give
  });
});

describe('toBulkWrites', () => {
  it('maps each change to an upsert or a delete by _id, grouped by collection, in the order given', () => {
    const writes = toBulkWrites([
      { collection: 'ballots', id: 'xz-2019/a', doc: { count: 1 } },
      { collection: 'campaign-stats', id: 'xz-2019', doc: { respondents: 1 } },
      { collection: 'ballots', id: 'xz-2019/b', doc: null },
      { collection: 'ballots', id: 'xz-2019/a', doc: null },
    ]);
    expect([...writes.keys()]).toEqual(['rm_ballots', 'rm_campaign-stats']);
    expect(writes.get('rm_ballots')).toEqual([
      { replaceOne: { filter: { _id: 'xz-2019/a' }, replacement: { doc: { count: 1 } }, upsert: true } },
      { deleteOne: { filter: { _id: 'xz-2019/b' } } },
      { deleteOne: { filter: { _id: 'xz-2019/a' } } },
    ]);
    expect(writes.get('rm_campaign-stats')).toEqual([{ replaceOne: { filter: { _id: 'xz-2019' }, replacement: { doc: { respondents: 1 } }, upsert: true } }]);
    expect(toBulkWrites([]).size).toBe(0);
  });

  it('copies the documents at the call, so later mutation by the projector is not written', () => {
    const doc = { levels: { satisfied: 3 }, tuple: ['satisfied', { q: 'x' }] as [string, Record<string, string>] };
    const writes = toBulkWrites([{ collection: 'c', id: 'a', doc }]);
    doc.levels.satisfied = 4;
    doc.tuple[1].q = 'y';
    expect(writes.get('rm_c')).toEqual([{ replaceOne: { filter: { _id: 'a' }, replacement: { doc: { levels: { satisfied: 3 }, tuple: ['satisfied', { q: 'x' }] } }, upsert: true } }]);
  });

  it('stores what the SQLite adapter stores: the JSON values of the document', () => {
    const writes = toBulkWrites([{ collection: 'c', id: 'a', doc: { gone: undefined, at: new Date('2019-12-31T00:00:00.000Z'), $odd: 1, _id: 'own' } }]);
    expect(writes.get('rm_c')).toEqual([{ replaceOne: { filter: { _id: 'a' }, replacement: { doc: { at: '2019-12-31T00:00:00.000Z', $odd: 1, _id: 'own' } }, upsert: true } }]);
  });

  it('throws before anything is sent when a document cannot be serialised', () => {
    expect(() => toBulkWrites([{ collection: 'c', id: 'ok', doc: { n: 1 } }, { collection: 'c', id: 'poison', doc: unserialisable() }])).toThrow('cannot serialise this document');
  });
});

describe('InOrder', () => {
  const tick = () => new Promise<void>((r) => setImmediate(r));

  it('starts each task only once the previous one has settled, failed or not', async () => {
    const queue = new InOrder();
    const log: string[] = [];
    let release!: () => void;
    const first = queue.run(() => new Promise<void>((r) => (release = r)).then(() => { log.push('first'); }));
    const second = queue.run(async () => { log.push('second'); throw new Error('write failed'); });
    const third = queue.run(async () => { log.push('third'); return 3; });
    await tick();
    expect(log).toEqual([]);
    release();
    await first;
    await expect(second).rejects.toThrow('write failed');
    await expect(third).resolves.toBe(3);
    expect(log).toEqual(['first', 'second', 'third']);
  });

  it('drains: resolves once every task handed in has settled, even a failed one', async () => {
    const queue = new InOrder();
    let done = false;
    void queue.run(async () => { await tick(); throw new Error('no'); }).catch(() => undefined);
    void queue.run(async () => { await tick(); done = true; });
    await queue.drain();
    expect(done).toBe(true);
  });
});
