/**
 * The application layer every process builds on: configuration and clock, the stores, the
 * projections, and the command and query handlers. Processes add their own edges (HTTP
 * controllers in apps/api; nothing more in apps/projector; the CLI's commands in apps/cli).
 */
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetCampaignHandler } from './campaigns/get-campaign.handler';
import { ListCampaignsHandler } from './campaigns/list-campaigns.handler';
import { CampaignHistoryHandler } from './campaigns/campaign-history.handler';
import { ChangeCampaignHandler } from './campaigns/change-campaign.handler';
import { CloseCampaignHandler } from './campaigns/close-campaign.handler';
import { OpenCampaignHandler } from './campaigns/open-campaign.handler';
import { PublishResultsHandler } from './campaigns/publish-results.handler';
import { APP_CONFIG, AppConfig } from './config/config';
import { RegisterEnterpriseHandler } from './enterprises/register-enterprise.handler';
import { BallotHistoryHandler } from './ballots/ballot-history.handler';
import { MyBallotHandler } from './ballots/my-ballot.handler';
import { SubmitEvaluationHandler } from './ballots/submit-evaluation.handler';
import { WithdrawEvaluationHandler } from './ballots/withdraw-evaluation.handler';
import { UploadImportHandler } from './imports/upload-import.handler';
import { AllNonRespondentsHandler } from './invitations/all-non-respondents.handler';
import { CampaignProgressHandler } from './invitations/campaign-progress.handler';
import { NonRespondentsHandler } from './invitations/non-respondents.handler';
import { CLOCK, Clock, systemClock } from './infrastructure/clock';
import { StoresModule } from './infrastructure/stores.module';
import { CampaignReportHandler } from './reports/campaign-report.handler';
import { InvalidateEvaluationHandler } from './audit/invalidate-evaluation.handler';
import { VerifyPublishedHandler } from './audit/verify-published.handler';
import { ListAuditReadsHandler } from './audit/list-audit-reads.handler';
import { RecordAuditReadHandler } from './audit/record-audit-read.handler';
import { AgencyReportHandler } from './reports/agency-report.handler';
import { TrendsHandler } from './reports/trends.handler';
import { AgencyReportAsOfHandler } from './reports/agency-report-as-of.handler';
import { CampaignReportAsOfHandler } from './reports/campaign-report-as-of.handler';
import { LogReplay } from './replay/log-replay';
import { ReplayPool } from './replay/replay-pool';
import { CampaignSegmentsHandler } from './reports/campaign-segments.handler';
import { Sealer } from './seals/sealer';
import { IssueInvitationsHandler } from './invitations/issue-invitations.handler';
import { RevokeInvitationHandler } from './invitations/revoke-invitation.handler';
import { DirectoryHandler } from './invitations/directory.handler';
import { LinkStandingHandler } from './invitations/link-standing.handler';

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
