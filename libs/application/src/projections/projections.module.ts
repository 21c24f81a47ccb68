/**
 * The two ways a process has the projections; its root module imports one of them:
 * - RunningProjectionsModule folds them here, and the sealer follows the log beside them (the API
 *   with PROJECTIONS=in-process, the embedded default; apps/projector);
 * - ProjectionCheckpointsModule folds nothing and reads where another process's stand (the API
 *   with PROJECTIONS=external; the CLI).
 * Either way the rest of the process asks the Projections port. Both are global because the
 * features (publishing, verification) and readiness ask it wherever the root put them.
 */
import { Global, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Sealer } from '../seals/sealer';
import { ProjectionCheckpoints } from './projection-checkpoints';
import { Projections } from './projections';
import { RunningProjections } from './running-projections';

/** Seals are appended wherever the projections run: one process follows the log for both. */
@Injectable()
class SealerFollowsLog implements OnApplicationBootstrap {
  constructor(private readonly sealer: Sealer) {}

  onApplicationBootstrap(): Promise<void> {
    return this.sealer.start();
  }
}

@Global()
@Module({
  providers: [RunningProjections, { provide: Projections, useExisting: RunningProjections }, SealerFollowsLog],
  exports: [Projections, RunningProjections],
})
export class RunningProjectionsModule {}

@Global()
@Module({
  providers: [ProjectionCheckpoints, { provide: Projections, useExisting: ProjectionCheckpoints }],
  exports: [Projections],
})
export class ProjectionCheckpointsModule {}
