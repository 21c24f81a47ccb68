import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { READ_MODEL_STORE, DocumentReads, SEGMENT_COLLECTIONS, SegmentStatsDoc } from '@survey/read-models';
import { SegmentRows } from '@survey/reporting';
import { APP_CONFIG, AppConfig } from '../config/config';
import { campaignSegmentRows } from './campaign-segment-rows';
import { CampaignSegmentsQuery } from './campaign-segments.query';
import { campaignAndPrevious } from './report-source';

@QueryHandler(CampaignSegmentsQuery)
export class CampaignSegmentsHandler implements IQueryHandler<CampaignSegmentsQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ campaignId }: CampaignSegmentsQuery): Promise<NonNullable<SegmentRows>> {
    const { campaign } = await campaignAndPrevious(this.readModels, campaignId);
    const docs = await this.readModels.list<SegmentStatsDoc>(SEGMENT_COLLECTIONS.stats, `${campaignId}/`);
    return campaignSegmentRows(campaign.scale, docs, this.config.suppressionK);
  }
}
