/**
 * The projector process, and what runs in it: the runtime (configuration, clock, stores, sealer),
 * the projections folded here with the sealer and the webhook outbox following the log beside them, and readiness for its
 * health server. No feature module: it runs no command or query handler.
 */
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, HealthModule, NotificationOutboxModule, RunningProjectionsModule, RuntimeModule } from '@survey/application';

@Module({})
export class ProjectorModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ProjectorModule, imports: [RuntimeModule.forRoot(config), RunningProjectionsModule, NotificationOutboxModule, HealthModule] };
  }
}
