/**
 * The application layer every process builds on: configuration and clock, the stores, the
 * projections, and the command and query handlers. Processes add their own edges (HTTP
 * controllers in apps/api; nothing more in apps/projector; the CLI's commands in apps/cli).
 */
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetCampaignHandler, ListCampaignsHandler } from './campaigns/campaign.queries';
import { CampaignHistoryHandler } from './campaigns/campaign-history.query';
import { ChangeCampaignHandler } from './campaigns/change-campaign.handler';
import { CloseCampaignHandler } from './campaigns/close-campaign.handler';
import { OpenCampaignHandler } from './campaigns/open-campaign.handler';
import { PublishResultsHandler } from './campaigns/publish-results.handler';
import { APP_CONFIG, AppConfig } from './config/config';
import { RegisterEnterpriseHandler } from './enterprises/register-enterprise.handler';
import { BallotHistoryHandler, MyBallotHandler } from './evaluations/ballot.queries';
import { SubmitEvaluationHandler } from './evaluations/submit-evaluation.handler';
import { WithdrawEvaluationHandler } from './evaluations/withdraw-evaluation.handler';
import { UploadImportHandler } from './imports/upload-import';
import { AllNonRespondentsHandler, CampaignProgressHandler, NonRespondentsHandler } from './progress/progress.queries';
import { CLOCK, Clock, systemClock } from './infrastructure/clock';
import { StoresModule } from './infrastructure/stores.module';
import { CampaignReportHandler } from './reports/campaign-report.handler';
import { InvalidateEvaluationHandler } from './audit/invalidate-evaluation.handler';
import { VerifyPublishedHandler } from './audit/verify-published.handler';
import { ListAuditReadsHandler, RecordAuditReadHandler } from './audit/audit-reads';
import { AgencyReportHandler } from './reports/agency-report.handler';
import { TrendsHandler } from './reports/trends.handler';
import { AgencyReportAsOfHandler, CampaignReportAsOfHandler } from './reports/as-of-reports.handler';
import { LogReplay } from './reports/log-replay';
import { ReplayPool } from './replay/replay-pool';
import { CampaignSegmentsHandler } from './reports/campaign-segments.query';
import { Sealer } from './seals/sealer';
import { IssueInvitationsHandler, RevokeInvitationHandler } from './invitations/invitation.handlers';
import { DirectoryHandler, LinkStandingHandler } from './invitations/invitation.queries';

@Module({})
export class ApplicationModule {
  static forRoot(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: ApplicationModule,
      global: true,
      imports: [CqrsModule.forRoot(), StoresModule],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        OpenCampaignHandler, CloseCampaignHandler, PublishResultsHandler, GetCampaignHandler, ListCampaignsHandler,
        RegisterEnterpriseHandler, SubmitEvaluationHandler, WithdrawEvaluationHandler, MyBallotHandler, BallotHistoryHandler,
        CampaignReportHandler,
        InvalidateEvaluationHandler, VerifyPublishedHandler, RecordAuditReadHandler, ListAuditReadsHandler,
        AgencyReportHandler,
        TrendsHandler,
        ReplayPool, LogReplay, CampaignReportAsOfHandler, AgencyReportAsOfHandler,
        CampaignSegmentsHandler,
        ChangeCampaignHandler, CampaignHistoryHandler, UploadImportHandler,
        CampaignProgressHandler, NonRespondentsHandler, AllNonRespondentsHandler,
        Sealer,
        IssueInvitationsHandler, RevokeInvitationHandler, LinkStandingHandler, DirectoryHandler,
      ],
      exports: [APP_CONFIG, CLOCK, Sealer],
    };
  }
}
