/**
 * The projector process, and what runs in it: the runtime (configuration, clock, stores, sealer),
 * the projections folded here with the sealer and the webhook outbox following the log beside them, readiness for its
 * health server, its logger and metrics, and the case reactor and deadline scheduler, which follow the log where the
 * projections do (unless CASE_PROCESSES=off: the demo's projector). No feature module: it runs no command or query handler.
 */
import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfig, CaseProcessesModule, HealthModule, Logger, MetricsService, NotificationOutboxModule, ObservabilityModule, RunningProjectionsModule, RuntimeModule,
} from '@survey/application';

@Module({})
export class ProjectorModule {
  static forRoot(config: AppConfig, log: Logger, metrics: MetricsService): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        RuntimeModule.forRoot(config), ObservabilityModule.forRoot(log, metrics), RunningProjectionsModule,
        ...(config.caseProcesses === false ? [] : [CaseProcessesModule]), NotificationOutboxModule, HealthModule,
      ],
    };
  }
}
