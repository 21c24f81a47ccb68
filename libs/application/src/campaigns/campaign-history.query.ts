/** A campaign stream's events as stored, for auditors: every change to its window and agencies, who and when. */
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFound, streams } from '@survey/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@survey/event-store';

export class CampaignHistoryQuery extends Query<{ campaignId: string; events: Omit<RecordedEvent, 'stream'>[] }> {
  constructor(readonly campaignId: string) {
    super();
  }
}

@QueryHandler(CampaignHistoryQuery)
export class CampaignHistoryHandler implements IQueryHandler<CampaignHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ campaignId }: CampaignHistoryQuery) {
    const events = await this.store.readStream(streams.campaign(campaignId));
    if (events.length === 0) throw new NotFound(`campaign ${campaignId} not found`);
    return { campaignId, events: events.map(({ stream: _s, ...e }) => e) };
  }
}
