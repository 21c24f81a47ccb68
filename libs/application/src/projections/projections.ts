/**
 * The projections as a process sees them, whether it runs them (RunningProjections: the API with
 * PROJECTIONS=in-process, apps/projector) or another process does and it only reads their
 * checkpoints (ProjectionCheckpoints: the API with PROJECTIONS=external, the CLI). The root module
 * of each process picks one of the two modules in ./projections.module.ts; everything else asks
 * this port: publishing waits until they have folded in the whole log, readiness shows their status.
 */
import { Projection, PROJECTIONS } from '@survey/read-models';

/** Which projections a process knows of; DEFAULT_PROJECTIONS unless a module (or a test) provides others. */
export const PROJECTION_LIST = Symbol('ProjectionList');

/** Every projection @survey/read-models defines, in the order they run. */
export const DEFAULT_PROJECTIONS: readonly Projection[] = PROJECTIONS;

export interface ProjectionError {
  message: string;
  /** The log positions the failure happened at (one event, or the batch whose commit failed). */
  from: number | null;
  to: number | null;
  /** Failures in a row, and when the next attempt starts. */
  attempts: number;
  nextAttemptAt: string | null;
}

export interface ProjectionStatus {
  name: string;
  /** The read-model generation readers are served (it changes when `survey rebuild` switches). */
  generation: number;
  position: number;
  lag: number | null;
  /** What `lag` counts: events on SQLite, bytes of log on EventStoreDB (its positions are byte offsets). */
  lagUnit: 'events' | 'bytes';
  status: 'running' | 'failed' | 'external';
  error?: ProjectionError;
}

export abstract class Projections {
  /** The projections' definitions, in the order they run. */
  abstract readonly definitions: readonly Projection[];
  /** True when this process folds them; false when another process does (their checkpoints are read). */
  abstract readonly inProcess: boolean;
  /** Resolves once every projection has folded in everything appended before the call. */
  abstract catchUp(timeoutMs?: number): Promise<void>;
  abstract status(): Promise<{ head: number; projections: ProjectionStatus[] }>;
  /** Stops folding (at the end of the batch in hand, its checkpoint stored); nothing to stop where they are only read. */
  abstract stop(): Promise<void>;
}
