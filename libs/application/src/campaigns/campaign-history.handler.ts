import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFound, streams } from '@survey/domain';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { CampaignHistoryQuery } from './campaign-history.query';

@QueryHandler(CampaignHistoryQuery)
export class CampaignHistoryHandler implements IQueryHandler<CampaignHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ campaignId }: CampaignHistoryQuery) {
    const events = await this.store.readStream(streams.campaign(campaignId));
    if (events.length === 0) throw new NotFound(`campaign ${campaignId} not found`);
    return { campaignId, events: events.map(({ stream: _s, ...e }) => e) };
  }
}
