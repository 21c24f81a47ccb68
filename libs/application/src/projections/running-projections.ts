/**
 * The projections this process runs (the API with PROJECTIONS=in-process, the embedded default;
 * apps/projector): each folds the log into its read models from its checkpoint.
 *
 * A projection that fails (its fold throws on an event, or its commit fails on a full disk) is
 * retried alone, after a delay that doubles up to a minute (./retry-delay.ts); the others, and the
 * API, carry on. Each failure is logged with the log position it happened at, and readiness shows
 * the projection's error until it has folded past that point. A store error no retry can fix
 * (isUnrecoverable) stops the process instead.
 */
import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { EVENT_STORE, EventStore, isUnrecoverable } from '@survey/event-store';
import { Projection, ProjectionFailed, Projector, READ_MODEL_STORE, ReadModelStore } from '@survey/read-models';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DEFAULT_PROJECTIONS, PROJECTION_LIST, ProjectionError, Projections, ProjectionStatus } from './projections';
import { PROJECTION_RETRY, retryDelayMs, RetryPolicy } from './retry-delay';

/**
 * A projection's checkpoint after batches that changed none of its documents is stored at most this
 * often (at the head, every batch of ratings for the projections a ballot moves nothing of): one
 * commit a quarter of a second instead of one per group commit of the log, each a message to the
 * read-model writer and a transaction. Another process reading the checkpoint (the API with
 * PROJECTIONS=external) sees it that much later at most; a projection whose checkpoint readers are
 * told (servesPosition) stores it with every batch.
 */
const IDLE_COMMIT_MS = 250;

interface Failing {
  error: ProjectionError;
  /** The checkpoint when it failed: a failure after folding past it starts the count again. */
  checkpoint: number;
  timer?: NodeJS.Timeout;
}

@Injectable()
export class RunningProjections extends Projections implements OnApplicationBootstrap {
  private readonly logger = new Logger('Projections');
  readonly inProcess = true;
  readonly definitions: readonly Projection[];
  readonly all: Projector[];
  private readonly failing = new Map<Projector, Failing>();
  private stopping = false;
  retry: RetryPolicy = PROJECTION_RETRY;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Optional() @Inject(PROJECTION_LIST) list: readonly Projection[] = DEFAULT_PROJECTIONS,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    super();
    this.definitions = list;
    this.all = list.map((projection) => {
      const projector: Projector = new Projector(events, readModels, projection, {
        onError: (e) => this.failed(projector, e),
        idleCommitMs: projection.servesPosition ? undefined : IDLE_COMMIT_MS,
        followHoldMs: config?.projectionFollowHoldMs,
      });
      return projector;
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const p of this.all) await p.start().catch((error: unknown) => this.failed(p, error));
  }

  async catchUp(timeoutMs = 30_000): Promise<void> {
    const head = await this.events.headPosition();
    await Promise.all(this.all.map((p) => p.waitFor(head, timeoutMs)));
  }

  async status(): Promise<{ head: number; projections: ProjectionStatus[] }> {
    const head = await this.events.headPosition();
    const projections = await Promise.all(
      this.all.map(async (p): Promise<ProjectionStatus> => {
        const served = await this.readModels.servedCheckpoint(p.name);
        const position = p.position.position;
        const base = { name: p.name, generation: served.generation, position, lag: Math.max(0, head - position), lagUnit: this.events.positionUnit ?? 'events' };
        const failing = this.failing.get(p);
        // Failed, or restarted but not yet past the point where it failed: say so until it is.
        if (failing && (p.error || position < (failing.error.to ?? 0))) return { ...base, status: 'failed', error: failing.error };
        return { ...base, status: 'running' };
      }),
    );
    return { head, projections };
  }

  /** Finishes the batch in hand and stores its checkpoint; the runtime closes the stores after this (../runtime/close-stores.ts). */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const { timer } of this.failing.values()) clearTimeout(timer);
    for (const p of this.all) await p.stop();
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
