/**
 * The application layer every process builds on: configuration and clock, the stores, the
 * projections, and the feature modules with their command and query handlers. Processes add their
 * own edges (HTTP controllers in apps/api; nothing more in apps/projector; the CLI's commands in apps/cli).
 */
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from './audit/audit.module';
import { BallotsModule } from './ballots/ballots.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { APP_CONFIG, AppConfig } from './config/config';
import { EnterprisesModule } from './enterprises/enterprises.module';
import { ImportsModule } from './imports/imports.module';
import { CLOCK, Clock, systemClock } from './infrastructure/clock';
import { StoresModule } from './infrastructure/stores.module';
import { InvitationsModule } from './invitations/invitations.module';
import { ReportsModule } from './reports/reports.module';
import { Sealer } from './seals/sealer';

@Module({})
export class ApplicationModule {
  static forRoot(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: ApplicationModule,
      global: true,
      imports: [
        CqrsModule.forRoot(), StoresModule,
        CampaignsModule, EnterprisesModule, BallotsModule, InvitationsModule, ReportsModule, AuditModule, ImportsModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        Sealer,
      ],
      exports: [APP_CONFIG, CLOCK, Sealer],
    };
  }
}
