/**
 * Read models in MongoDB (MONGODB_URL), for deployments that outgrow one machine: one collection
 * per read-model collection (`rm_<name>`, documents `{ _id: id, doc }`), and one `checkpoints`
 * collection (`{ _id: projection, position, recordedAt }`). Each batch and its checkpoint are
 * written in one transaction, so a crash leaves both or neither and the projector re-folds the
 * rest from the event log. Transactions need a replica set or a sharded cluster: `connect`
 * refuses anything else.
 */
import { MongoClient, MongoServerError, WriteConcern } from 'mongodb';
import type { ClientSession, Collection, Db, TransactionOptions } from 'mongodb';
import type { Checkpoint, Doc, DocChange, ReadModelStore } from '../read-model-store.port';
import { CHECKPOINTS, collectionName, InOrder, prefixRange, toBulkWrites } from './mongo-operations';
import type { StoredCheckpoint, StoredDoc } from './mongo-operations';
import { databaseIn, MongoStartupError, redact, topologyProblem } from './mongo-startup';
import type { HelloReply } from './mongo-startup';

// The apps tell a bad MONGODB_URL from other failures by this class (its `variable` names it).
export { MongoStartupError } from './mongo-startup';

const NAMESPACE_EXISTS = 48;
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
      return store;
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error instanceof MongoStartupError ? error : new MongoStartupError(`cannot be used (${redact(url)}): ${messageOf(error)}`);
    }
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | undefined> {
    const found = await this.docs(collection).findOne({ _id: id });
    return found ? (found.doc as T) : undefined;
  }

  async getMany<T extends Doc>(collection: string, ids: string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    if (ids.length === 0) return found;
    for (const { _id, doc } of await this.docs(collection).find({ _id: { $in: ids } }).toArray()) found.set(_id, doc as T);
    return found;
  }

  /** Ordered by the `_id` index, in UTF-8 byte order as in the SQLite adapter (see prefixRange). */
  async list<T extends Doc>(collection: string, idPrefix = ''): Promise<T[]> {
    const rows = await this.docs(collection).find({ _id: prefixRange(idPrefix) }, { sort: { _id: 1 } }).toArray();
    return rows.map((row) => row.doc as T);
  }

  /** Copies the documents at once (later changes to them are not written), then commits in call order. */
  commit(projection: string, changes: DocChange[], checkpoint: Checkpoint): Promise<void> {
    let writes: ReturnType<typeof toBulkWrites>;
    try {
      writes = toBulkWrites(changes);
    } catch (error) {
      return Promise.reject(error);
    }
    const saved = { position: checkpoint.position, recordedAt: checkpoint.recordedAt };
    return this.inOrder(async () => {
      for (const name of writes.keys()) await this.ensureCollection(name);
      // withTransaction retries the whole callback on transient errors: upserts and deletes by
      // `_id` give the same result when applied twice. Operations run one at a time, as a
      // transaction requires.
      await this.transaction(async (session) => {
        for (const [name, operations] of writes) await this.db.collection<StoredDoc>(name).bulkWrite(operations, { session });
        await this.checkpoints().replaceOne({ _id: projection }, saved, { upsert: true, session });
      });
    });
  }

  async checkpoint(projection: string): Promise<Checkpoint> {
    this.assertOpen();
    const found = await this.checkpoints().findOne({ _id: projection });
    return found ? { position: found.position, recordedAt: found.recordedAt } : { position: 0, recordedAt: null };
  }

  /** Empties the collections (keeping them, with any sharding an admin set up) and forgets the checkpoint, in one transaction. */
  reset(projection: string, collections: readonly string[]): Promise<void> {
    let names: string[];
    try {
      names = collections.map(collectionName);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.inOrder(async () => {
      for (const name of names) await this.ensureCollection(name);
      await this.transaction(async (session) => {
        for (const name of names) await this.db.collection<StoredDoc>(name).deleteMany({}, { session });
        await this.checkpoints().deleteOne({ _id: projection }, { session });
      });
    });
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
  private docs(collection: string): Collection<StoredDoc> {
    this.assertOpen();
    return this.db.collection<StoredDoc>(collectionName(collection));
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
