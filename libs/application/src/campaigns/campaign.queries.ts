/** Reading campaigns: one from its own stream (fresh after a write), the list from the read model. */
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { campaignDecider, NotFound, streams } from '@survey/domain';
import { CampaignDoc, COLLECTIONS, READ_MODEL_STORE, DocumentReads } from '@survey/read-models';
import { Aggregates } from '../infrastructure/aggregates';
import { campaignView, CampaignView } from './campaign.view';

export class GetCampaignQuery extends Query<CampaignView> {
  constructor(readonly campaignId: string) {
    super();
  }
}

/** Every campaign, or only `onlyId` (an invitation link's: it is for one campaign and sees no other). */
export class ListCampaignsQuery extends Query<{ campaigns: CampaignView[] }> {
  constructor(readonly onlyId?: string) {
    super();
  }
}

@QueryHandler(GetCampaignQuery)
export class GetCampaignHandler implements IQueryHandler<GetCampaignQuery> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ campaignId }: GetCampaignQuery) {
    const { state } = await this.aggregates.load(streams.campaign(campaignId), campaignDecider);
    if (!state.exists) throw new NotFound(`campaign ${campaignId} not found`);
    return campaignView(state.definition, state.closedAt, state.publishedAt, this.aggregates.now());
  }
}

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
      .sort((a, b) => b.year - a.year || (a.id < b.id ? -1 : 1));
    return { campaigns };
  }
}
