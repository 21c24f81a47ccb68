import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BallotEvent, ballotView } from '@survey/domain';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { Aggregates } from '../runtime/aggregates';
import { CaseReads } from '../cases/case-reads';
import { readBallotStream } from './ballot-stream';
import { MyBallotQuery } from './my-ballot.query';

@QueryHandler(MyBallotQuery)
export class MyBallotHandler implements IQueryHandler<MyBallotQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly aggregates: Aggregates, private readonly cases: CaseReads) {}

  async execute({ campaignId, creditCode }: MyBallotQuery) {
    const events = await readBallotStream(this.store, this.aggregates, campaignId, creditCode);
    const view = ballotView(campaignId, events.map((e) => ({ event: e as unknown as BallotEvent, recordedAt: e.metadata.recordedAt })));
    // Its rectification cases, from the cases read model: a case shows once the reactor opened it.
    const ratingEvents = events.filter((e) => e.type === 'EvaluationSubmitted' || e.type === 'EvaluationRevised').map((e) => e.id);
    return { ...view, cases: await this.cases.ofBallot(ratingEvents, creditCode) };
  }
}
