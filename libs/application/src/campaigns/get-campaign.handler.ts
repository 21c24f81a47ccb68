import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { campaignDecider, NotFound, streams } from '@survey/domain';
import { Aggregates } from '../runtime/aggregates';
import { campaignView } from './campaign.view';
import { GetCampaignQuery } from './get-campaign.query';

@QueryHandler(GetCampaignQuery)
export class GetCampaignHandler implements IQueryHandler<GetCampaignQuery> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ campaignId }: GetCampaignQuery) {
    const { state } = await this.aggregates.load(streams.campaign(campaignId), campaignDecider);
    if (!state.exists) throw new NotFound(`campaign ${campaignId} not found`);
    return campaignView(state.definition, state.closedAt, state.publishedAt, this.aggregates.now());
  }
}
