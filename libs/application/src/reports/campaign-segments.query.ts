/**
 * Campaign-wide segment cells (every agency together), protected like an agency's: respondents
 * are enterprises counted once per cell, and suppression goes by them. Used by the campaign CSV.
 */
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ALL_AGENCIES, READ_MODEL_STORE, ReadModelStore, SEGMENT_COLLECTIONS, SegmentStatsDoc, segmentStatsId } from '@survey/read-models';
import { SEGMENT_DIMENSIONS, segmentRow, SegmentRows } from '@survey/reporting';
import { APP_CONFIG, AppConfig } from '../config/config';
import { campaignAndPrevious } from './report-source';

export class CampaignSegmentsQuery extends Query<NonNullable<SegmentRows>> {
  constructor(readonly campaignId: string) {
    super();
  }
}

@QueryHandler(CampaignSegmentsQuery)
export class CampaignSegmentsHandler implements IQueryHandler<CampaignSegmentsQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ campaignId }: CampaignSegmentsQuery): Promise<NonNullable<SegmentRows>> {
    const { campaign } = await campaignAndPrevious(this.readModels, campaignId);
    const doc = await this.readModels.get<SegmentStatsDoc>(SEGMENT_COLLECTIONS.stats, segmentStatsId(campaignId, ALL_AGENCIES));
    const cells = doc?.cells ?? { district: {}, industry: {}, size: {} };
    return Object.fromEntries(SEGMENT_DIMENSIONS.map((d) => [d, segmentRow(d, cells[d] ?? {}, campaign.scale, this.config.suppressionK)])) as NonNullable<SegmentRows>;
  }
}
