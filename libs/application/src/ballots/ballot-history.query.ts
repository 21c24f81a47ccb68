import { Query } from '@nestjs/cqrs';
import type { RecordedEvent } from '@survey/event-store';

/** A ballot's every event as stored, positions and metadata included, for auditors. */
export class BallotHistoryQuery extends Query<{ campaignId: string; creditCode: string; events: Omit<RecordedEvent, 'stream'>[] }> {
  constructor(readonly campaignId: string, readonly creditCode: string) {
    super();
  }
}
