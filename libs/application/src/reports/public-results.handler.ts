import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '@survey/domain';
import { CampaignDoc, COLLECTIONS, READ_MODEL_STORE, DocumentReads } from '@survey/read-models';
import { publicResults } from '@survey/reporting';
import { PublicResultsQuery } from './public-results.query';

@QueryHandler(PublicResultsQuery)
export class PublicResultsHandler implements IQueryHandler<PublicResultsQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads) {}

  async execute({ campaignId }: PublicResultsQuery) {
    const campaign = await this.readModels.get<CampaignDoc>(COLLECTIONS.campaigns, campaignId);
    if (!campaign?.published) throw new NotFound(`campaign ${campaignId} has no published results`);
    return publicResults(campaign.published.figures, campaign.published.publishedAt, campaign.published.seal);
  }
}
