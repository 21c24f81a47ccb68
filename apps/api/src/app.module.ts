/** The API process: the application layer behind HTTP controllers, with projections in-process by default. */
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig, ApplicationModule, Clock, systemClock } from '@survey/application';
import { AuditController } from './audit/audit.controller';
import { CampaignHistoryController } from './audit/campaign-history.controller';
import { CampaignChangesController } from './campaigns/campaign-changes.controller';
import { ImportsController } from './imports/imports.controller';
import { ProgressController } from './progress/progress.controller';
import { CampaignsController } from './campaigns/campaigns.controller';
import { EnterprisesController } from './enterprises/enterprises.controller';
import { EvaluationsController } from './evaluations/evaluations.controller';
import { HealthController } from './health/health.controller';
import { AuthGuard } from './http/auth';
import { RateLimitGuard } from './http/rate-limit';
import { PublicController } from './reports/public.controller';
import { ReportsController } from './reports/reports.controller';
import { ReportsCsvController } from './reports/reports-csv.controller';
import { WebModule } from './web/web.module';
import { InvitationsController } from './invitations/invitations.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: AppModule,
      imports: [ApplicationModule.forRoot(config, clock), WebModule],
      controllers: [CampaignsController, EnterprisesController, EvaluationsController, ReportsController, PublicController, AuditController, HealthController,
        ReportsCsvController,
        CampaignChangesController, CampaignHistoryController, ImportsController, ProgressController,
        InvitationsController],
      // In this order: the rate limits count per subject of a token AuthGuard has verified.
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_GUARD, useClass: RateLimitGuard }],
    };
  }
}
