import { Query } from '@nestjs/cqrs';

/**
 * A campaign's results as published, for anyone: only what ResultsPublished froze (and the
 * bad-review ranking derived from it); NotFound until it is published.
 */
export class PublicResultsQuery extends Query<Record<string, unknown>> {
  constructor(readonly campaignId: string) {
    super();
  }
}
