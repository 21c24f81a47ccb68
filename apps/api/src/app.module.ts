/** The API process: HTTP controllers, command and query handlers, the stores and in-process projections. */
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditController } from './audit/audit.controller';
import { GetCampaignHandler, ListCampaignsHandler } from './campaigns/campaign.queries';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CloseCampaignHandler } from './campaigns/close-campaign.handler';
import { OpenCampaignHandler } from './campaigns/open-campaign.handler';
import { PublishResultsHandler } from './campaigns/publish-results.handler';
import { APP_CONFIG, AppConfig } from './config/config';
import { EnterprisesController } from './enterprises/enterprises.controller';
import { RegisterEnterpriseHandler } from './enterprises/register-enterprise.handler';
import { BallotHistoryHandler, MyBallotHandler } from './evaluations/ballot.queries';
import { EvaluationsController } from './evaluations/evaluations.controller';
import { SubmitEvaluationHandler } from './evaluations/submit-evaluation.handler';
import { WithdrawEvaluationHandler } from './evaluations/withdraw-evaluation.handler';
import { HealthController } from './health/health.controller';
import { AuthGuard } from './http/auth';
import { CLOCK, Clock, systemClock } from './infrastructure/clock';
import { StoresModule } from './infrastructure/stores.module';
import { CampaignReportHandler } from './reports/campaign-report.handler';
import { PublicController } from './reports/public.controller';
import { ReportsController } from './reports/reports.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        { module: ConfigHolder, global: true, providers: [{ provide: APP_CONFIG, useValue: config }, { provide: CLOCK, useValue: clock }], exports: [APP_CONFIG, CLOCK] },
        StoresModule,
      ],
      controllers: [CampaignsController, EnterprisesController, EvaluationsController, ReportsController, PublicController, AuditController, HealthController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        OpenCampaignHandler, CloseCampaignHandler, PublishResultsHandler, GetCampaignHandler, ListCampaignsHandler,
        RegisterEnterpriseHandler, SubmitEvaluationHandler, WithdrawEvaluationHandler, MyBallotHandler, BallotHistoryHandler,
        CampaignReportHandler,
      ],
    };
  }
}

@Module({})
class ConfigHolder {}
