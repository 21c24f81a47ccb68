/**
 * Campaigns: open one, change its window and agencies while it runs, close it and publish its
 * results; read one (from its stream), the list (from the read model) and its history. Publishing
 * freezes the headline report, so the reports feature comes with it. Which campaigns are published is
 * public (the figures themselves are the reports feature's PublicResultsQuery).
 */
import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { CampaignHistoryHandler } from './campaign-history.handler';
import { ChangeCampaignHandler } from './change-campaign.handler';
import { CloseCampaignHandler } from './close-campaign.handler';
import { GetCampaignHandler } from './get-campaign.handler';
import { ListCampaignsHandler } from './list-campaigns.handler';
import { OpenCampaignHandler } from './open-campaign.handler';
import { PublishedCampaignsHandler } from './published-campaigns.handler';
import { PublishResultsHandler } from './publish-results.handler';
import { PublishResults } from './publish-results.process';

const commandHandlers = [OpenCampaignHandler, ChangeCampaignHandler, CloseCampaignHandler, PublishResultsHandler];
const queryHandlers = [GetCampaignHandler, ListCampaignsHandler, PublishedCampaignsHandler, CampaignHistoryHandler];

@Module({
  imports: [ReportsModule],
  providers: [...commandHandlers, ...queryHandlers, PublishResults],
})
export class CampaignsModule {}
