/**
 * MongoReadModelStore against a real server, when MONGODB_URL names one (a replica set or a
 * mongos): the shared contract, in a database of its own dropped afterwards, plus what only a
 * server shows. Without the variable jest reports the suite as skipped, saying why.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { readModelStoreContract } from '../testing/read-model-store.contract';
import { generationsContract } from '../testing/generations.contract';
import { MongoReadModelStore } from './mongo-read-model-store';
import { MongoStartupError } from './mongo-startup';

const url = process.env.MONGODB_URL ?? '';
/** Without a server jest reports the whole suite as skipped, the reason in its name. */
const onServer = url ? describe : describe.skip;

onServer(url ? 'MongoReadModelStore on MONGODB_URL' : 'MongoReadModelStore contract — skipped: MONGODB_URL not set', () => {
  const dbName = `survey_rm_spec_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  afterAll(async () => {
    const client = await MongoClient.connect(url);
    try {
      await client.db(dbName).dropDatabase();
    } finally {
      await client.close();
    }
  });

  readModelStoreContract('MongoReadModelStore', async () => {
    const store = await MongoReadModelStore.connect(url, { dbName });
    return { store, cleanup: () => store.close() };
  });

  generationsContract('MongoReadModelStore', async () => {
    const store = await MongoReadModelStore.connect(url, { dbName });
    return { store, cleanup: () => store.close() };
  });

  describe('MongoReadModelStore on a server', () => {
    const at = (position: number) => ({ position, recordedAt: `2019-11-15T08:00:${String(position).padStart(2, '0')}.000Z` });

    it('stores documents as { _id, doc } in rm_<collection>, and checkpoints as { _id, position, recordedAt }', async () => {
      const [c, p] = [`ballots-${randomUUID()}`, `reports-${randomUUID()}`];
      const store = await MongoReadModelStore.connect(url, { dbName });
      const client = await MongoClient.connect(url);
      try {
        await store.commit(p, [{ collection: c, id: 'xz-2019/91310110666007217T', doc: { _id: 'own', $odd: 1, count: 1 } }], at(3));
        const db = client.db(dbName);
        expect(await db.collection(`rm_${c}`).find().toArray()).toEqual([{ _id: 'xz-2019/91310110666007217T', doc: { _id: 'own', $odd: 1, count: 1 } }]);
        expect(await db.collection('checkpoints').findOne({ _id: p as never })).toEqual({ _id: p, ...at(3) });
        expect(await store.get(c, 'xz-2019/91310110666007217T')).toEqual({ _id: 'own', $odd: 1, count: 1 });
      } finally {
        await client.close();
        await store.close();
      }
    });

    it('applies commits in call order when they are not awaited one by one, and close waits for them', async () => {
      const [c, p] = [`campaign-stats-${randomUUID()}`, `reports-${randomUUID()}`];
      const store = await MongoReadModelStore.connect(url, { dbName });
      const commits = [1, 2, 3, 4, 5].map((n) => store.commit(p, [{ collection: c, id: 'xz-2019', doc: { respondents: n } }], at(n)));
      await store.close();
      await Promise.all(commits);
      await expect(store.commit(p, [], at(6))).rejects.toThrow('closed');
      const again = await MongoReadModelStore.connect(url, { dbName });
      try {
        expect(await again.get(c, 'xz-2019')).toEqual({ respondents: 5 });
        expect(await again.checkpoint(p)).toEqual(at(5));
      } finally {
        await again.close();
      }
    });
  });
});

describe('MongoReadModelStore start-up', () => {
  it('turns an unreachable server into one line naming MONGODB_URL', async () => {
    // Port 1 on the loopback refuses at once; the short timeout keeps the driver from retrying for 30 s.
    const connecting = MongoReadModelStore.connect('mongodb://app:s3cret@127.0.0.1:1/survey?serverSelectionTimeoutMS=300&connectTimeoutMS=300');
    await expect(connecting).rejects.toThrow(MongoStartupError);
    await expect(connecting).rejects.toThrow(/^configuration: MONGODB_URL cannot be used \(mongodb:\/\/app:\*\*\*@127\.0\.0\.1:1\/survey\?[^)]*\): [^\n]+$/);
  });
});
