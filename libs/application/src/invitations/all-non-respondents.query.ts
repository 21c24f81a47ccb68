import { Query } from '@nestjs/cqrs';
import type { NonRespondent } from './non-respondents.query';

/** Every invited enterprise that has not responded, read a page at a time as the consumer pulls (the reminder CSV). */
export class AllNonRespondentsQuery extends Query<AsyncIterable<NonRespondent>> {
  constructor(readonly campaignId: string) {
    super();
  }
}
