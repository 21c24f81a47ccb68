/**
 * What a projection is: a pure fold of events into documents. It names the documents an event
 * reads (so the projector can fetch them in bulk before folding) and applies the event through
 * a DocAccess that only touches memory. The projector owns all I/O and the checkpoint.
 */
import type { RecordedEvent } from '@survey/event-store';
import type { Doc } from './read-model-store.port';

export interface DocAccess {
  get<T extends Doc>(collection: string, id: string): T | undefined;
  /** Marks the document written; the projection may keep mutating the same object afterwards. */
  put(collection: string, id: string, doc: Doc): void;
  delete(collection: string, id: string): void;
}

export interface Projection {
  readonly name: string;
  readonly collections: readonly string[];
  reads(event: RecordedEvent): ReadonlyArray<readonly [collection: string, id: string]>;
  apply(event: RecordedEvent, docs: DocAccess): void;
}
