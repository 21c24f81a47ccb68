/**
 * The projections this process knows of. In-process (the embedded default) it runs them; with an
 * external projector (apps/projector) it only reads their checkpoints. Either way it can wait
 * until they have folded in the whole log, which publishing needs.
 */
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore, isUnrecoverable } from '@survey/event-store';
import { PROJECTIONS, Projector, READ_MODEL_STORE, ReadModelStore } from '@survey/read-models';
import { APP_CONFIG, AppConfig } from '../config/config';

export interface ProjectionStatus {
  name: string;
  /** The read-model generation readers are served (it changes when `survey rebuild` switches). */
  generation: number;
  position: number;
  lag: number | null;
  /** What `lag` counts: events on SQLite, bytes of log on EventStoreDB (its positions are byte offsets). */
  lagUnit: 'events' | 'bytes';
  status: string;
}

@Injectable()
export class Projections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private stopping = false;
  readonly all: Projector[];

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.all = PROJECTIONS.map(
      (projection) => new Projector(events, readModels, projection, { onError: (e) => this.failed(e) }),
    );
  }

  get inProcess(): boolean {
    return this.config.inProcessProjector;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.inProcess) for (const p of this.all) await p.start();
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
      this.all.map(async (p) => {
        const served = await this.readModels.servedCheckpoint(p.name);
        const position = this.inProcess ? p.position.position : served.position;
        const failed = this.inProcess && p.error ? `failed: ${(p.error as Error).message ?? String(p.error)}` : null;
        return { name: p.name, generation: served.generation, position, lag: Math.max(0, head - position), lagUnit: this.events.positionUnit ?? 'events', status: failed ?? (this.inProcess ? 'running' : 'external') };
      }),
    );
    return { head, projections };
  }

  async onApplicationShutdown(): Promise<void> {
    for (const p of this.all) await p.stop();
    await this.events.close();
    await this.readModels.close();
  }

  private failed(error: unknown, failing?: Projector): void {
    if (isUnrecoverable(error)) return this.stopProcess(error);
    this.logger.error(`projection stopped: ${error instanceof Error ? error.stack : String(error)}; restarting in 1 s`);
    const restart = (p: Projector) => p.start().catch((e: unknown) => this.failed(e, p)); // again in 1 s
    setTimeout(() => this.all.filter((p) => p === failing || p.error).forEach(restart), 1000).unref();
  }

  /**
   * A store error no retry can fix (a checkpoint that is no position of this log, access denied):
   * restarting every second would hide it behind a healthy-looking process, so say it in one line
   * and stop the process, non-zero, through the usual drain (SIGTERM, with exit code 1 set).
   */
  private stopProcess(error: unknown): void {
    if (this.stopping) return;
    this.stopping = true;
    this.logger.error(`projections stopped: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    process.kill(process.pid, 'SIGTERM');
  }
}
