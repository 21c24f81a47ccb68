import { Query } from '@nestjs/cqrs';
import type { PublicRequests } from '@survey/reporting';

/** The public totals of the requests received in a year (all years when null), per category and in all. */
export class PublicRequestsQuery extends Query<PublicRequests> {
  constructor(readonly year: number | null) {
    super();
  }
}
