import { Query } from '@nestjs/cqrs';
import type { PublicRectification } from '@survey/reporting';

/** The public table of a published campaign's rectification cases; NotFound until it is published. */
export class PublicRectificationQuery extends Query<PublicRectification> {
  constructor(readonly campaignId: string) {
    super();
  }
}
