import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BallotEvent, ballotView } from '@survey/domain';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { Aggregates } from '../runtime/aggregates';
import { readBallotStream } from './ballot-stream';
import { MyBallotQuery } from './my-ballot.query';

@QueryHandler(MyBallotQuery)
export class MyBallotHandler implements IQueryHandler<MyBallotQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly aggregates: Aggregates) {}

  async execute({ campaignId, creditCode }: MyBallotQuery) {
    const events = await readBallotStream(this.store, this.aggregates, campaignId, creditCode);
    return ballotView(campaignId, events.map((e) => ({ event: e as unknown as BallotEvent, recordedAt: e.metadata.recordedAt })));
  }
}
