/**
 * Reports: the headline, one agency's detail, trends and the campaign-wide segment cells, from the
 * live read models; the headline and agency detail as of a past time, from a replay of the log;
 * and the results as published, for anyone.
 */
import { Module } from '@nestjs/common';
import { ReplayModule } from '../replay/replay.module';
import { AgencyReportAsOfHandler } from './agency-report-as-of.handler';
import { AgencyReportHandler } from './agency-report.handler';
import { CampaignReportAsOfHandler } from './campaign-report-as-of.handler';
import { CampaignReportHandler } from './campaign-report.handler';
import { CampaignSegmentsHandler } from './campaign-segments.handler';
import { PublicResultsHandler } from './public-results.handler';
import { TrendsHandler } from './trends.handler';

const queryHandlers = [
  CampaignReportHandler, AgencyReportHandler, TrendsHandler, CampaignSegmentsHandler, CampaignReportAsOfHandler, AgencyReportAsOfHandler,
  PublicResultsHandler,
];

@Module({
  imports: [ReplayModule],
  providers: [...queryHandlers],
})
export class ReportsModule {}
