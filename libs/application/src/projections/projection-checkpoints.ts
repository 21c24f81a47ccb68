/**
 * The projections of another process (apps/projector, when the API runs with PROJECTIONS=external;
 * the API or apps/projector, for the CLI): this process folds nothing and reads where they stand
 * from their checkpoints in the read-model store.
 */
import { Inject, Injectable, Optional } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { Projection, READ_MODEL_STORE, ReadModelStore } from '@survey/read-models';
import { DEFAULT_PROJECTIONS, PROJECTION_LIST, Projections, ProjectionStatus } from './projections';

const POLL_MS = 25;

@Injectable()
export class ProjectionCheckpoints extends Projections {
  readonly inProcess = false;
  readonly definitions: readonly Projection[];

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Optional() @Inject(PROJECTION_LIST) list: readonly Projection[] = DEFAULT_PROJECTIONS,
  ) {
    super();
    this.definitions = list;
  }

  async catchUp(timeoutMs = 30_000): Promise<void> {
    const head = await this.events.headPosition();
    const deadline = Date.now() + timeoutMs;
    for (const p of this.definitions) {
      while ((await this.readModels.checkpoint(p.name)).position < head) {
        if (Date.now() > deadline) throw new Error(`projection ${p.name} did not reach position ${head} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    }
  }

  async status(): Promise<{ head: number; projections: ProjectionStatus[] }> {
    const head = await this.events.headPosition();
    const lagUnit = this.events.positionUnit ?? 'events';
    const projections = await Promise.all(
      this.definitions.map(async (p): Promise<ProjectionStatus> => {
        const { generation, position } = await this.readModels.servedCheckpoint(p.name);
        return { name: p.name, generation, position, lag: Math.max(0, head - position), lagUnit, status: 'external' };
      }),
    );
    return { head, projections };
  }

  async stop(): Promise<void> {}
}
