import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '@survey/domain';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { Aggregates } from '../runtime/aggregates';
import { BallotHistoryQuery } from './ballot-history.query';
import { readBallotStream } from './ballot-stream';

@QueryHandler(BallotHistoryQuery)
export class BallotHistoryHandler implements IQueryHandler<BallotHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly aggregates: Aggregates) {}

  async execute({ campaignId, creditCode }: BallotHistoryQuery) {
    const events = await readBallotStream(this.store, this.aggregates, campaignId, creditCode);
    if (events.length === 0) throw new NotFound(`enterprise ${creditCode} has no ballot in campaign ${campaignId}`);
    return { campaignId, creditCode, events: events.map(({ stream: _s, ...e }) => e) };
  }
}
