/**
 * The projections this process knows of. In-process (the embedded default) it runs them; with an
 * external projector (apps/projector) it only reads their checkpoints. Either way it can wait
 * until they have folded in the whole log, which publishing needs.
 *
 * A projection that fails (its fold throws on an event, or its commit fails on a full disk) is
 * retried alone, after a delay that doubles up to a minute (./retry-delay.ts); the others, and the
 * API, carry on. Each failure is logged with the log position it happened at, and readiness shows
 * the projection's error until it has folded past that point. A store error no retry can fix
 * (isUnrecoverable) stops the process instead.
 */
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { EVENT_STORE, EventStore, isUnrecoverable } from '@survey/event-store';
import { Projection, ProjectionFailed, PROJECTIONS, Projector, READ_MODEL_STORE, ReadModelStore } from '@survey/read-models';
import { APP_CONFIG, AppConfig } from '../config/config';
import { PROJECTION_RETRY, retryDelayMs, RetryPolicy } from './retry-delay';

/** Which projections a process runs; @survey/read-models' PROJECTIONS unless a module (or a test) provides others. */
export const PROJECTION_LIST = Symbol('ProjectionList');

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

interface Failing {
  error: ProjectionError;
  /** The checkpoint when it failed: a failure after folding past it starts the count again. */
  checkpoint: number;
  timer?: NodeJS.Timeout;
}

@Injectable()
export class Projections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  readonly all: Projector[];
  private readonly failing = new Map<Projector, Failing>();
  private stopping = false;
  retry: RetryPolicy = PROJECTION_RETRY;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(PROJECTION_LIST) list: readonly Projection[] = PROJECTIONS,
  ) {
    this.all = list.map((projection) => {
      const projector: Projector = new Projector(events, readModels, projection, { onError: (e) => this.failed(projector, e) });
      return projector;
    });
  }

  get inProcess(): boolean {
    return this.config.inProcessProjector;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.inProcess) return;
    for (const p of this.all) await p.start().catch((error: unknown) => this.failed(p, error));
  }

  /** Resolves once every projection has folded in everything appended before the call. */
  async catchUp(timeoutMs = 30_000): Promise<void> {
    const head = await this.events.headPosition();
    if (this.inProcess) {
      await Promise.all(this.all.map((p) => p.waitFor(head, timeoutMs)));
      return;
    }
    const deadline = Date.now() + timeoutMs;
    for (const p of this.all) {
      while ((await this.readModels.checkpoint(p.name)).position < head) {
        if (Date.now() > deadline) throw new Error(`projection ${p.name} did not reach position ${head} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  }

  async status(): Promise<{ head: number; projections: ProjectionStatus[] }> {
    const head = await this.events.headPosition();
    const projections = await Promise.all(
      this.all.map(async (p): Promise<ProjectionStatus> => {
        const served = await this.readModels.servedCheckpoint(p.name);
        const position = this.inProcess ? p.position.position : served.position;
        const base = { name: p.name, generation: served.generation, position, lag: Math.max(0, head - position), lagUnit: this.events.positionUnit ?? 'events' };
        if (!this.inProcess) return { ...base, status: 'external' };
        const failing = this.failing.get(p);
        // Failed, or restarted but not yet past the point where it failed: say so until it is.
        if (failing && (p.error || position < (failing.error.to ?? 0))) return { ...base, status: 'failed', error: failing.error };
        return { ...base, status: 'running' };
      }),
    );
    return { head, projections };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const { timer } of this.failing.values()) clearTimeout(timer);
    for (const p of this.all) await p.stop();
    await this.events.close();
    await this.readModels.close();
  }

  /** Logs the failure with where it happened, and starts this projection (only) again after its delay. */
  private failed(projector: Projector, error: unknown): void {
    if (this.stopping) return;
    if (isUnrecoverable(error) || (error instanceof ProjectionFailed && isUnrecoverable(error.cause))) return this.stopProcess(error);
    const previous = this.failing.get(projector);
    const checkpoint = projector.position.position;
    const attempts = previous && checkpoint <= previous.checkpoint ? previous.error.attempts + 1 : 1;
    const delay = retryDelayMs(attempts, this.retry);
    const at = error instanceof ProjectionFailed ? { from: error.from, to: error.to } : { from: null, to: null };
    const message = error instanceof Error ? error.message : String(error);
    const failing: Failing = { checkpoint, error: { message, ...at, attempts, nextAttemptAt: new Date(Date.now() + delay).toISOString() } };
    this.failing.set(projector, failing);
    // The stack once; a failure that keeps coming back is one line per attempt.
    const detail = attempts === 1 && error instanceof Error ? `\n${(error.cause as Error | undefined)?.stack ?? error.stack}` : '';
    this.logger.error(`projection ${projector.name} stopped at checkpoint ${checkpoint}: ${message}; attempt ${attempts + 1} in ${delay} ms${detail}`);
    failing.timer = setTimeout(() => {
      failing.timer = undefined;
      if (this.stopping) return;
      failing.error.nextAttemptAt = null;
      projector.start().catch((e: unknown) => this.failed(projector, e));
    }, delay); // not unref'd: in apps/projector it may be the one thing left to wait for (shutdown clears it)
  }

  /**
   * A store error no retry can fix (a checkpoint that is no position of this log, access denied):
   * retrying would hide it behind a healthy-looking process, so say it in one line and stop the
   * process, non-zero, through the usual drain (SIGTERM, with exit code 1 set).
   */
  private stopProcess(error: unknown): void {
    if (this.stopping) return;
    this.stopping = true;
    this.logger.error(`projections stopped: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    process.kill(process.pid, 'SIGTERM');
  }
}
