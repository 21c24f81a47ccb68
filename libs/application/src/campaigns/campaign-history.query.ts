import { Query } from '@nestjs/cqrs';
import type { RecordedEvent } from '@survey/event-store';

/** A campaign stream's events as stored, for auditors: every change to its window and agencies, who and when. */
export class CampaignHistoryQuery extends Query<{ campaignId: string; events: Omit<RecordedEvent, 'stream'>[] }> {
  constructor(readonly campaignId: string) {
    super();
  }
}
