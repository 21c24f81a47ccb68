/**
 * The projector process, and what runs in it: the runtime (configuration, clock, stores, sealer),
 * the projections folded here with the sealer following the log beside them, and readiness for its
 * health server, and the case reactor and deadline scheduler, which follow the log where the
 * projections do. No other feature module: it runs no command or query handler.
 */
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CaseProcessesModule, HealthModule, RunningProjectionsModule, RuntimeModule } from '@survey/application';

@Module({})
export class ProjectorModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ProjectorModule, imports: [RuntimeModule.forRoot(config), RunningProjectionsModule, CaseProcessesModule, HealthModule] };
  }
}
