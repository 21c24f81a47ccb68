import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CampaignDoc, COLLECTIONS, READ_MODEL_STORE, DocumentReads } from '@survey/read-models';
import { Aggregates } from '../runtime/aggregates';
import { campaignView, newestFirst } from './campaign.view';
import { ListCampaignsQuery } from './list-campaigns.query';

@QueryHandler(ListCampaignsQuery)
export class ListCampaignsHandler implements IQueryHandler<ListCampaignsQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads,
    private readonly aggregates: Aggregates,
  ) {}

  async execute({ onlyId }: ListCampaignsQuery) {
    const now = this.aggregates.now();
    const docs = await this.readModels.list<CampaignDoc>(COLLECTIONS.campaigns);
    const campaigns = docs
      .filter((doc) => onlyId === undefined || doc.campaignId === onlyId)
      .map(({ closedAt, published, ...definition }) => campaignView(definition, closedAt, published?.publishedAt ?? null, now))
      .sort(newestFirst);
    return { campaigns };
  }
}
