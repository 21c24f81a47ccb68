import { Query } from '@nestjs/cqrs';
import type { BallotView, CaseObject } from '@survey/domain';

/** An enterprise's own ballot, read from its stream: a write shows as soon as it is acknowledged; and its rectification cases. */
export class MyBallotQuery extends Query<BallotView & { cases: CaseObject[] }> {
  constructor(readonly campaignId: string, readonly creditCode: string) {
    super();
  }
}
