/**
 * The API process, and what runs in it: the runtime (configuration, clock, stores, sealer), the
 * projections folded here (PROJECTIONS=in-process, the default) or only their checkpoints read
 * (PROJECTIONS=external: apps/projector folds them), readiness, every feature's commands and
 * queries behind the HTTP controllers below, the webhook outbox beside the projections, and the pages.
 */
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import {
  AppConfig, AuditModule, BallotsModule, CaseProcessesModule, CasesModule, CampaignsModule, Clock, EnterprisesModule, HealthModule, ImportsModule, InvitationsModule,
  AgenciesModule, RequestsModule, NotificationOutboxModule, NotificationsModule, ProjectionCheckpointsModule, RectificationReportsModule, ReportsModule, RunningProjectionsModule, RuntimeModule, systemClock,
} from '@survey/application';
// The requests reports (issue 14): an import of its own, so that merging beside the other closed-loop features stays easy.
import { RequestReportsModule } from '@survey/application';
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
import { DocsModule } from './docs/docs.module';
import { InvitationsController } from './invitations/invitations.controller';
import { CasesController } from './cases/cases.controller';
import { PublicRectificationController } from './rectification-reports/public-rectification.controller';
import { RectificationReportsController } from './rectification-reports/rectification-reports.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { PublicRequestsController } from './request-reports/public-requests.controller';
import { RequestReportsController } from './request-reports/request-reports.controller';
import { AgenciesController } from './agencies/agencies.controller';
import { RequestsController } from './requests/requests.controller';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        RuntimeModule.forRoot(config, clock),
        // The case reactor, deadline scheduler and webhook outbox run where the projections run.
        ...(config.inProcessProjector
          ? [RunningProjectionsModule, ...(config.caseProcesses === false ? [] : [CaseProcessesModule]), NotificationOutboxModule]
          : [ProjectionCheckpointsModule]),
        HealthModule,
        CqrsModule.forRoot(),
        CampaignsModule, EnterprisesModule, BallotsModule, InvitationsModule, ReportsModule, AuditModule, ImportsModule, CasesModule, RectificationReportsModule,
        NotificationsModule, RequestReportsModule, AgenciesModule, RequestsModule,
        WebModule, DocsModule,
      ],
      controllers: [CampaignsController, EnterprisesController, EvaluationsController, ReportsController, PublicController, AuditController, HealthController,
        ReportsCsvController,
        CampaignChangesController, CampaignHistoryController, ImportsController, ProgressController,
        InvitationsController, CasesController, RectificationReportsController, PublicRectificationController, NotificationsController,
        RequestReportsController, PublicRequestsController, AgenciesController, RequestsController],
      // In this order: the rate limits count per subject of a token AuthGuard has verified.
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_GUARD, useClass: RateLimitGuard }],
    };
  }
}
