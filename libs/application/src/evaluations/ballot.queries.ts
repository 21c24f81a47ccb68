/**
 * Ballot reads from the ballot's own stream, never from a read model: an enterprise sees its write
 * as soon as it is acknowledged, and an auditor sees every event as stored.
 */
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { BallotEvent, ballotView, BallotView, campaignDecider, NotFound, streams } from '@survey/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@survey/event-store';
import { Aggregates } from '../infrastructure/aggregates';

export class MyBallotQuery extends Query<BallotView> {
  constructor(readonly campaignId: string, readonly creditCode: string) {
    super();
  }
}

export class BallotHistoryQuery extends Query<{ campaignId: string; creditCode: string; events: Omit<RecordedEvent, 'stream'>[] }> {
  constructor(readonly campaignId: string, readonly creditCode: string) {
    super();
  }
}

abstract class BallotReader {
  constructor(protected readonly store: EventStore, private readonly aggregates: Aggregates) {}

  protected async read(campaignId: string, creditCode: string): Promise<RecordedEvent[]> {
    const campaign = await this.aggregates.load(streams.campaign(campaignId), campaignDecider);
    if (!campaign.state.exists) throw new NotFound(`campaign ${campaignId} not found`);
    return this.store.readStream(streams.ballot(campaignId, creditCode));
  }
}

@QueryHandler(MyBallotQuery)
export class MyBallotHandler extends BallotReader implements IQueryHandler<MyBallotQuery> {
  constructor(@Inject(EVENT_STORE) store: EventStore, aggregates: Aggregates) {
    super(store, aggregates);
  }

  async execute({ campaignId, creditCode }: MyBallotQuery) {
    const events = await this.read(campaignId, creditCode);
    return ballotView(campaignId, events.map((e) => ({ event: e as unknown as BallotEvent, recordedAt: e.metadata.recordedAt })));
  }
}

@QueryHandler(BallotHistoryQuery)
export class BallotHistoryHandler extends BallotReader implements IQueryHandler<BallotHistoryQuery> {
  constructor(@Inject(EVENT_STORE) store: EventStore, aggregates: Aggregates) {
    super(store, aggregates);
  }

  async execute({ campaignId, creditCode }: BallotHistoryQuery) {
    const events = await this.read(campaignId, creditCode);
    if (events.length === 0) throw new NotFound(`enterprise ${creditCode} has no ballot in campaign ${campaignId}`);
    return { campaignId, creditCode, events: events.map(({ stream: _s, ...e }) => e) };
  }
}
