import { Query } from '@nestjs/cqrs';
import type { SegmentRows } from '@survey/reporting';

/** Campaign-wide segment cells (every agency together), for the campaign CSV. */
export class CampaignSegmentsQuery extends Query<NonNullable<SegmentRows>> {
  constructor(readonly campaignId: string) {
    super();
  }
}
