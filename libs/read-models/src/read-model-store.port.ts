/**
 * The ReadModelStore port: documents keyed by (collection, id), written only by projections,
 * each batch atomically together with the projection's checkpoint. Adapters: SQLite (embedded
 * default) and, later, MongoDB. Every adapter must pass ./testing/read-model-store.contract.ts.
 */
export const READ_MODEL_STORE = Symbol('ReadModelStore');

export type Doc = Record<string, unknown>;

export interface DocChange {
  collection: string;
  id: string;
  /** null deletes the document. */
  doc: Doc | null;
}

export interface Checkpoint {
  /** Global log position of the last event folded in (0 = nothing yet). */
  position: number;
  /** recordedAt of that event, null before the first. */
  recordedAt: string | null;
}

export interface ReadModelStore {
  get<T extends Doc>(collection: string, id: string): Promise<T | undefined>;
  /** The documents that exist among `ids`. */
  getMany<T extends Doc>(collection: string, ids: string[]): Promise<Map<string, T>>;
  /** Every document of a collection whose id starts with `idPrefix` (all when omitted), ordered by id. */
  list<T extends Doc>(collection: string, idPrefix?: string): Promise<T[]>;
  /**
   * Up to `limit` documents whose id starts with `idPrefix` and sorts after `after` (from the first
   * when null), ordered by id, with their ids: reads a large collection a page at a time.
   */
  listPage<T extends Doc>(collection: string, idPrefix: string, after: string | null, limit: number): Promise<{ id: string; doc: T }[]>;
  /**
   * Writes the changes and the checkpoint in one transaction: both happen or neither. Takes the
   * documents' content at the call (the projector goes on changing them while the write runs),
   * and commits in call order.
   */
  commit(projection: string, changes: DocChange[], checkpoint: Checkpoint): Promise<void>;
  checkpoint(projection: string): Promise<Checkpoint>;
  /** Drops a projection's collections and checkpoint (a rebuild starts from nothing). */
  reset(projection: string, collections: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
