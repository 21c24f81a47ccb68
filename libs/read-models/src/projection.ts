/**
 * What a projection is: a pure fold of events into documents. It names the documents an event
 * reads (so the projector can fetch them in bulk before folding) and applies the event through
 * a DocAccess that only touches memory. The projector owns all I/O and the checkpoint.
 *
 * A projection is declared with defineProjection: one entry per event `type` it handles, saying
 * what that event reads and how it applies, each typed by its `type` string, so that adding an
 * event type is one entry and the compiler checks its data's shape.
 */
import type { ClosedLoopEvent, SurveyEvent } from '@survey/domain';
import type { RecordedEvent } from '@survey/event-store';
import type { Doc } from './read-model-store.port';

export interface DocAccess {
  get<T extends Doc>(collection: string, id: string): T | undefined;
  /** Marks the document written; the projection may keep mutating the same object afterwards. */
  put(collection: string, id: string, doc: Doc): void;
  delete(collection: string, id: string): void;
}

export type DocRef = readonly [collection: string, id: string];

/** What the projector and the in-memory folds run: every recorded event goes through both. */
export interface Projection {
  readonly name: string;
  readonly collections: readonly string[];
  /**
   * Readers are told this projection's stored checkpoint (a report's `asOf`, verification's lag, the
   * CLI's catch-up check): it is stored with every batch, even one that changes no document, rather
   * than deferred (../projector/commit-pipeline.ts).
   */
  readonly servesPosition?: boolean;
  reads(event: RecordedEvent): readonly DocRef[];
  apply(event: RecordedEvent, docs: DocAccess): void;
}

/** The events a projection may handle: the survey's and the closed loop's. */
export type ProjectedEvent = SurveyEvent | ClosedLoopEvent;
export type EventType = ProjectedEvent['type'];

/** A recorded event whose `type` is T, with that type's data (and the log's id, position, metadata). */
export type RecordedOf<T extends EventType> = RecordedEvent & Extract<ProjectedEvent, { type: T }>;

/**
 * How one event type folds. Methods, not function properties: their parameters are compared both
 * ways, so a handler written for several types (any BallotEvent) is accepted for each of them, and
 * every handler is one of RecordedEvent's, which is how the projector calls it.
 */
export interface EventHandler<E> {
  /** The documents `apply` gets (none: `() => []`); the projector fetches them first. */
  reads(event: E): readonly DocRef[];
  apply(event: E, docs: DocAccess): void;
}

export type EventHandlers = { readonly [T in EventType]?: EventHandler<RecordedOf<T>> };

export interface ProjectionDefinition {
  name: string;
  collections: readonly string[];
  servesPosition?: boolean;
  on: EventHandlers;
}

const NOTHING: readonly DocRef[] = Object.freeze([]);

/**
 * The projection of a definition: events of a type it has no entry for read and change nothing.
 * An event whose `type` is T is taken to have T's data: the log stores each type in one shape, and
 * the upcasters (@survey/domain's upcasting.ts) bring older shapes up before any projection sees them.
 */
export function defineProjection(definition: ProjectionDefinition): Projection {
  const handlers = new Map<string, EventHandler<RecordedEvent>>();
  for (const type of Object.keys(definition.on) as EventType[]) {
    const handler = definition.on[type];
    if (handler) handlers.set(type, handler);
  }
  return {
    name: definition.name,
    collections: definition.collections,
    ...(definition.servesPosition ? { servesPosition: true } : {}),
    reads: (event) => handlers.get(event.type)?.reads(event) ?? NOTHING,
    apply: (event, docs) => handlers.get(event.type)?.apply(event, docs),
  };
}
