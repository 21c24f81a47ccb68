/**
 * The `survey` process, and what runs in it: the runtime (configuration, clock, stores, sealer),
 * the projections' checkpoints read (the API or apps/projector folds them; the demo starts
 * apps/projector beside it), and the features its commands dispatch to. CSV imports read their file
 * here and send each row's command on the bus (importCsv), so the upload feature is not needed. The
 * demo takes the case and request steps (CasesModule, RequestsModule) and prints their reports.
 */
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  AppConfig, AuditModule, BallotsModule, CampaignsModule, CasesModule, Clock, EnterprisesModule, InvitationsModule, ProjectionCheckpointsModule,
  RectificationReportsModule, ReportsModule, RequestReportsModule, RequestsModule, RunningProjectionsModule, RuntimeModule, systemClock,
} from '@survey/application';

export interface CliModuleOptions {
  clock?: Clock;
  /** Fold the projections in this process (a test with no API or projector beside it); the CLI itself never does. */
  runProjections?: boolean;
}

@Module({})
export class CliModule {
  static forRoot(config: AppConfig, options: CliModuleOptions = {}): DynamicModule {
    return {
      module: CliModule,
      imports: [
        RuntimeModule.forRoot(config, options.clock ?? systemClock),
        options.runProjections ? RunningProjectionsModule : ProjectionCheckpointsModule,
        CqrsModule.forRoot(),
        CampaignsModule, EnterprisesModule, BallotsModule, InvitationsModule, ReportsModule, AuditModule, CasesModule, RectificationReportsModule,
        RequestsModule, RequestReportsModule,
      ],
    };
  }
}
