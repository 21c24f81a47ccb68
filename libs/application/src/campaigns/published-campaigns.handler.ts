import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CampaignDoc, COLLECTIONS, READ_MODEL_STORE, DocumentReads } from '@survey/read-models';
import { newestFirst } from './campaign.view';
import { PublishedCampaign, PublishedCampaignsQuery } from './published-campaigns.query';

@QueryHandler(PublishedCampaignsQuery)
export class PublishedCampaignsHandler implements IQueryHandler<PublishedCampaignsQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads) {}

  async execute(): Promise<{ campaigns: PublishedCampaign[] }> {
    const docs = await this.readModels.list<CampaignDoc>(COLLECTIONS.campaigns);
    const campaigns = docs.flatMap(({ campaignId, year, title, published }) => (published ? [{ id: campaignId, year, title, publishedAt: published.publishedAt }] : []));
    return { campaigns: campaigns.sort(newestFirst) };
  }
}
