import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { campaignPhase } from '@survey/domain';
import { PROGRESS, ProgressDoc, progressProjection, READ_MODEL_STORE, DocumentReads } from '@survey/read-models';
import { Aggregates } from '../runtime/aggregates';
import { CampaignProgressQuery, ProgressView } from './campaign-progress.query';
import { existingCampaign } from './progress-reads';
import { progressView } from './progress-view';

@QueryHandler(CampaignProgressQuery)
export class CampaignProgressHandler implements IQueryHandler<CampaignProgressQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads, private readonly aggregates: Aggregates) {}

  async execute({ campaignId }: CampaignProgressQuery): Promise<ProgressView> {
    const campaign = await existingCampaign(this.aggregates, campaignId);
    const asOf = await this.readModels.checkpoint(progressProjection.name);
    const doc = await this.readModels.get<ProgressDoc>(PROGRESS.campaigns, campaignId);
    return progressView(campaign.definition, doc, campaignPhase(campaign, this.aggregates.now()), asOf);
  }
}
