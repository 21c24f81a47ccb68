/**
 * The read-model ports: documents keyed by (collection, id), written only by projections, each
 * batch atomically together with the projection's checkpoint. Three ports, one per kind of
 * consumer: DocumentReads (query handlers), ProjectionWrites (the projector), GenerationAdministration
 * (a rebuild). Adapters implement the three as one ReadModelStore: SQLite (embedded default) and
 * MongoDB. Every adapter must pass ./testing/read-model-store.contract.ts and generations.contract.ts.
 *
 * Generations (see ./generations.ts): each projection's documents and checkpoint exist per
 * generation, and readers are served the projection's active one. A rebuild folds the log into a
 * new generation while the active one keeps serving, then switches over in one step.
 */
import type { BuilderClaim, Generations } from './generations';

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

/** A checkpoint and the generation it belongs to. */
export interface GenerationCheckpoint extends Checkpoint {
  generation: number;
}

/**
 * What readers use (query handlers, the runtime's readiness): documents and checkpoints of each
 * projection's active generation, the only one readers ever see.
 */
export interface DocumentReads {
  /** Reads the active generation of the collection's projection, as every read here does. */
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
  /** The active generation's checkpoint: how far the documents read are folded. */
  checkpoint(projection: string): Promise<Checkpoint>;
  /**
   * The active generation's checkpoint with its number, in one read: a reader that sees the same
   * value before and after its document reads has read one generation at one position.
   */
  servedCheckpoint(projection: string): Promise<GenerationCheckpoint>;
}

/**
 * What a projector uses: the documents and checkpoint of the generation it folds into, read back
 * and committed together.
 */
export interface ProjectionWrites {
  /** The documents that exist among `ids`, of that generation (the active one when omitted): a projector reads its own. */
  getMany<T extends Doc>(collection: string, ids: string[], generation?: number): Promise<Map<string, T>>;
  /**
   * Writes the changes and the checkpoint in one transaction: both happen or neither. Takes the
   * documents' content at the call (the projector goes on changing them while the write runs),
   * and commits in call order. With a generation, the write is fenced: it fails with
   * GenerationRetired, writing nothing, unless that generation is the active or the building one.
   * Without one it goes to generation 0, unfenced (as before generations existed; tests use it).
   */
  commit(projection: string, changes: DocChange[], checkpoint: Checkpoint, generation?: number): Promise<void>;
  /** The checkpoint of that generation (the active one when omitted). */
  checkpoint(projection: string, generation?: number): Promise<Checkpoint>;
  /** Drops a projection's collections and checkpoint, of one generation (the active one when omitted). */
  reset(projection: string, collections: readonly string[], generation?: number): Promise<void>;
}

/** What a rebuild uses besides a projector: the generations of a projection, begun, claimed, switched, dropped. */
export interface GenerationAdministration {
  /** The active generation and the one being built, if any (0 and null for a projection never rebuilt). */
  generations(projection: string): Promise<Generations>;
  /**
   * The generation being built: the one already begun (a rebuild resumes it), else a new one above
   * every other. With a claim, the builder holds it for `leaseMs` (calling again renews): another
   * builder's claim still running makes this fail with GenerationBusy, so two rebuilds never fold
   * into the same generation.
   */
  beginGeneration(projection: string, claim?: BuilderClaim): Promise<number>;
  /** Gives up a builder's claim (a rebuild stopping); another builder may then resume the generation. */
  releaseGeneration(projection: string, builder: string): Promise<void>;
  /**
   * Makes the building generation the active one, in one transaction, if its checkpoint has reached
   * the active one's (readers never go back in time); false, changing nothing, if it has not.
   * From then on the old generation's commits fail with GenerationRetired.
   */
  switchGeneration(projection: string, generation: number, collections: readonly string[]): Promise<boolean>;
  /** Deletes a retired generation's documents and checkpoint (refuses the active or building one). */
  dropGeneration(projection: string, generation: number, collections: readonly string[]): Promise<void>;
}

/**
 * An adapter: the three ports in one store. Consumers depend on the narrow port they use; the
 * process that opens the store holds it whole, to close it.
 */
export interface ReadModelStore extends DocumentReads, ProjectionWrites, GenerationAdministration {
  // Declared once more with the generation: both ports' forms in one signature.
  getMany<T extends Doc>(collection: string, ids: string[], generation?: number): Promise<Map<string, T>>;
  checkpoint(projection: string, generation?: number): Promise<Checkpoint>;
  close(): Promise<void>;
}
