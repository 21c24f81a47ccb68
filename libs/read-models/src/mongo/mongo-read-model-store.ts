/**
 * Read models in MongoDB (MONGODB_URL), for deployments that outgrow one machine: one collection
 * per read-model collection (`rm_<name>`, documents `{ _id: id, doc }`), and one `checkpoints`
 * collection (`{ _id: projection, position, recordedAt }`). Each batch and its checkpoint are
 * written in one transaction, so a crash leaves both or neither and the projector re-folds the
 * rest from the event log. Transactions need a replica set or a sharded cluster: `connect`
 * refuses anything else.
 *
 * Generations: generation g > 0 lives in `rm_<name>@g` with checkpoint `<projection>@g`; the
 * `generations` collection holds each projection's active and building one. Readers resolve the
 * active generation through a short-lived cache (./served-generations.ts); commits are fenced
 * inside their transaction (see commit).
 */
import { MongoClient, MongoServerError, WriteConcern } from 'mongodb';
import type { ClientSession, Collection, Db, TransactionOptions } from 'mongodb';
import { beginning, dropProblem, fenceProblem, generationsOf, maySwitch, switchProblem } from '../generation-rules';
import { BuilderClaim, GenerationRetired, Generations, stored } from '../generations';
import type { Checkpoint, Doc, DocChange, GenerationCheckpoint, ReadModelStore } from '../read-model-store.port';
import { CHECKPOINTS, collectionName, GENERATIONS, InOrder, prefixRange, toBulkWrites } from './mongo-operations';
import { ServedGenerations, StoredGenerations } from './served-generations';
import type { StoredCheckpoint, StoredDoc } from './mongo-operations';
import { databaseIn, MongoStartupError, redact, topologyProblem } from './mongo-startup';
import type { HelloReply } from './mongo-startup';

// The apps tell a bad MONGODB_URL from other failures by this class (its `variable` names it).
export { MongoStartupError } from './mongo-startup';

const NAMESPACE_EXISTS = 48;
const NAMESPACE_NOT_FOUND = 26;
const DUPLICATE_KEY = 11000;
const COMMAND_NOT_FOUND = 59;

// Majority and journaled: a batch acknowledged by the primary alone could be rolled back after a
// failover while its checkpoint had already been trusted, and the projector would skip its events.
const TRANSACTION: TransactionOptions = { writeConcern: new WriteConcern('majority', undefined, true), readPreference: 'primary' };

export interface MongoReadModelStoreOptions {
  /** Overrides the database named in the URL (default when the URL names none: `survey`). */
  dbName?: string;
  /** Isolates a deployment sharing the server: the database gets a `_<namespace>` suffix (SURVEY_NAMESPACE). */
  namespace?: string;
}

export class MongoReadModelStore implements ReadModelStore {
  private readonly commits = new InOrder();
  private readonly created = new Set<string>();
  private closed = false;
  private readonly served = new ServedGenerations(() => this.generationsCollection().find({}).toArray());

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  /** Connects and checks the server; any failure is one line naming MONGODB_URL. */
  static async connect(url: string, options: MongoReadModelStoreOptions = {}): Promise<MongoReadModelStore> {
    let client: MongoClient;
    try {
      client = new MongoClient(url);
    } catch (error) {
      throw new MongoStartupError(`is not a usable connection string (${redact(url)}): ${messageOf(error)}`);
    }
    try {
      await client.connect();
      const problem = topologyProblem(await helloOf(client));
      if (problem) throw new MongoStartupError(`${problem} (${redact(url)})`);
      const store = new MongoReadModelStore(client, client.db(databaseName(url, options)));
      // Every query goes by `_id` (get, getMany's $in, list's range sorted by _id, the checkpoint),
      // and MongoDB indexes `_id` in every collection: no other index is needed. Creating the
      // checkpoints collection now keeps catalog changes out of the first transaction.
      await store.ensureCollection(CHECKPOINTS);
      await store.ensureCollection(GENERATIONS);
      return store;
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error instanceof MongoStartupError ? error : new MongoStartupError(`cannot be used (${redact(url)}): ${messageOf(error)}`);
    }
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | undefined> {
    const found = await (await this.docs(collection)).findOne({ _id: id });
    return found ? (found.doc as T) : undefined;
  }

  async getMany<T extends Doc>(collection: string, ids: string[], generation?: number): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    if (ids.length === 0) return found;
    for (const { _id, doc } of await (await this.docs(collection, generation)).find({ _id: { $in: ids } }).toArray()) found.set(_id, doc as T);
    return found;
  }

  /** Ordered by the `_id` index, in UTF-8 byte order as in the SQLite adapter (see prefixRange). */
  async list<T extends Doc>(collection: string, idPrefix = ''): Promise<T[]> {
    const rows = await (await this.docs(collection)).find({ _id: prefixRange(idPrefix) }, { sort: { _id: 1 } }).toArray();
    return rows.map((row) => row.doc as T);
  }

  async listPage<T extends Doc>(collection: string, idPrefix: string, after: string | null, limit: number): Promise<{ id: string; doc: T }[]> {
    const filter = after === null ? prefixRange(idPrefix) : { ...prefixRange(idPrefix), $gt: after };
    const rows = await (await this.docs(collection)).find({ _id: filter }, { sort: { _id: 1 }, limit }).toArray();
    return rows.map((row) => ({ id: row._id, doc: row.doc as T }));
  }

  /**
   * Copies the documents at once (later changes to them are not written), then commits in call
   * order. A fenced commit (with a generation) checks the generation inside the transaction and
   * upserts its checkpoint only where it is not marked retired: a switch committed meanwhile makes
   * that upsert collide with the retired checkpoint (a write conflict, retried, or a duplicate key).
   */
  commit(projection: string, changes: DocChange[], checkpoint: Checkpoint, generation?: number): Promise<void> {
    let writes: ReturnType<typeof toBulkWrites>;
    let key: string;
    try {
      writes = toBulkWrites(changes, generation ?? 0);
      key = stored(projection, generation ?? 0);
    } catch (error) {
      return Promise.reject(error);
    }
    const saved = { position: checkpoint.position, recordedAt: checkpoint.recordedAt };
    return this.inOrder(async () => {
      for (const name of writes.keys()) await this.ensureCollection(name);
      // withTransaction retries the whole callback on transient errors: upserts and deletes by
      // `_id` give the same result when applied twice. Operations run one at a time, as a
      // transaction requires.
      try {
        await this.transaction(async (session) => {
          if (generation !== undefined) {
            const problem = fenceProblem(projection, generation, generationsOf(await this.generationsCollection().findOne({ _id: projection }, { session })));
            if (problem) throw new GenerationRetired(problem);
          }
          for (const [name, operations] of writes) await this.db.collection<StoredDoc>(name).bulkWrite(operations, { session });
          const filter = generation === undefined ? { _id: key } : { _id: key, retired: { $ne: true } };
          await this.checkpoints().replaceOne(filter, saved, { upsert: true, session });
        });
      } catch (error) {
        if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) throw new GenerationRetired(`generation ${generation} of projection ${projection} is retired`);
        throw error;
      }
    });
  }

  async checkpoint(projection: string, generation?: number): Promise<Checkpoint> {
    this.assertOpen();
    const found = await this.checkpoints().findOne({ _id: stored(projection, generation ?? (await this.served.ofProjection(projection))) });
    return { position: found?.position ?? 0, recordedAt: found?.recordedAt ?? null };
  }

  async servedCheckpoint(projection: string): Promise<GenerationCheckpoint> {
    const generation = await this.served.ofProjection(projection);
    return { generation, ...(await this.checkpoint(projection, generation)) };
  }

  /** Empties the collections (keeping them, with any sharding an admin set up) and forgets the checkpoint, in one transaction. */
  reset(projection: string, collections: readonly string[], generation?: number): Promise<void> {
    return this.inOrder(async () => {
      const g = generation ?? (await this.generations(projection)).active;
      const names = collections.map((c) => collectionName(stored(c, g)));
      for (const name of names) await this.ensureCollection(name);
      await this.transaction(async (session) => {
        for (const name of names) await this.db.collection<StoredDoc>(name).deleteMany({}, { session });
        await this.checkpoints().deleteOne({ _id: stored(projection, g) }, { session });
      });
    });
  }

  async generations(projection: string): Promise<Generations> {
    this.assertOpen();
    return generationsOf(await this.generationsCollection().findOne({ _id: projection }));
  }

  async beginGeneration(projection: string, claim?: BuilderClaim): Promise<number> {
    let building = 0;
    await this.inOrder(() => this.transaction(async (session) => {
      const found = await this.generationsCollection().findOne({ _id: projection }, { session });
      const next = beginning(projection, found, claim, Date.now());
      building = next.building;
      const lease = next.lease ?? (next.fresh ? { builder: null, leaseUntil: null } : {});
      await this.generationsCollection().updateOne({ _id: projection }, { $set: { active: next.active, building, collections: found?.collections ?? [], ...lease } }, { upsert: true, session });
    }));
    return building;
  }

  async releaseGeneration(projection: string, builder: string): Promise<void> {
    await this.inOrder(async () => {
      await this.generationsCollection().updateOne({ _id: projection, builder }, { $set: { builder: null, leaseUntil: null } });
    });
  }

  async switchGeneration(projection: string, generation: number, collections: readonly string[]): Promise<boolean> {
    let switched = false;
    await this.inOrder(() => this.transaction(async (session) => {
      switched = false;
      const g = generationsOf(await this.generationsCollection().findOne({ _id: projection }, { session }));
      const problem = switchProblem(projection, generation, g);
      if (problem) throw new Error(problem);
      const position = async (n: number) => (await this.checkpoints().findOne({ _id: stored(projection, n) }, { session }))?.position ?? 0;
      if (!maySwitch({ building: await position(generation), active: await position(g.active) })) return;
      await this.generationsCollection().updateOne({ _id: projection }, { $set: { active: generation, building: null, collections: [...collections], builder: null, leaseUntil: null } }, { session });
      await this.checkpoints().updateOne({ _id: stored(projection, g.active) }, { $set: { retired: true } }, { upsert: true, session });
      switched = true;
    }));
    this.served.invalidate();
    return switched;
  }

  /** Waits until no reader can still be on the old generation (see ServedGenerations), then drops its collections. */
  async dropGeneration(projection: string, generation: number, collections: readonly string[]): Promise<void> {
    const problem = dropProblem(projection, generation, await this.generations(projection));
    if (problem) throw new Error(problem);
    await new Promise((resolve) => setTimeout(resolve, this.served.dropGraceMs));
    for (const c of collections) {
      const name = collectionName(stored(c, generation));
      try {
        await this.db.collection(name).drop();
      } catch (error) {
        if (!(error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND)) throw error;
      }
      this.created.delete(name);
    }
    await this.checkpoints().deleteOne({ _id: stored(projection, generation) });
  }

  /** Lets the commits already handed in finish, then disconnects; closing twice is harmless. */
  async close(): Promise<void> {
    this.closed = true;
    await this.commits.drain();
    await this.client.close();
  }

  private inOrder(task: () => Promise<void>): Promise<void> {
    if (this.closed) return Promise.reject(new Error('read-model store is closed'));
    return this.commits.run(task);
  }

  private async transaction(work: (session: ClientSession) => Promise<void>): Promise<void> {
    await this.client.withSession((session) => session.withTransaction(work, TRANSACTION));
  }

  /**
   * Creates a collection outside any transaction, once per process: a transaction may create one
   * implicitly on a replica set, but not when its writes span shards of a sharded cluster.
   */
  private async ensureCollection(name: string): Promise<void> {
    if (this.created.has(name)) return;
    try {
      await this.db.createCollection(name);
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === NAMESPACE_EXISTS)) throw error;
    }
    this.created.add(name);
  }

  /** For reads, which must not reopen a closed client; commits handed in before close still run. */
  private async docs(collection: string, generation?: number): Promise<Collection<StoredDoc>> {
    this.assertOpen();
    const g = generation ?? (await this.served.ofCollection(collection));
    return this.db.collection<StoredDoc>(collectionName(stored(collection, g)));
  }

  private generationsCollection(): Collection<StoredGenerations> {
    return this.db.collection<StoredGenerations>(GENERATIONS);
  }

  private checkpoints(): Collection<StoredCheckpoint> {
    return this.db.collection<StoredCheckpoint>(CHECKPOINTS);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('read-model store is closed');
  }
}

/** The server's role; servers 4.4.0 and 4.4.1, which the driver still supports, know only `isMaster`. */
async function helloOf(client: MongoClient): Promise<HelloReply> {
  const admin = client.db('admin');
  try {
    return (await admin.command({ hello: 1 })) as HelloReply;
  } catch (error) {
    if (error instanceof MongoServerError && error.code === COMMAND_NOT_FOUND) return (await admin.command({ isMaster: 1 })) as HelloReply;
    throw error;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The database: the one the options or the URL name (default `survey`), suffixed by the namespace. */
export function databaseName(url: string, options: MongoReadModelStoreOptions): string {
  const base = options.dbName ?? databaseIn(url) ?? 'survey';
  return options.namespace ? `${base}_${options.namespace}` : base;
}
