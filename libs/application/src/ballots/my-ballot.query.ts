import { Query } from '@nestjs/cqrs';
import type { BallotView } from '@survey/domain';

/** An enterprise's own ballot, read from its stream: a write shows as soon as it is acknowledged. */
export class MyBallotQuery extends Query<BallotView> {
  constructor(readonly campaignId: string, readonly creditCode: string) {
    super();
  }
}
