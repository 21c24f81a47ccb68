/**
 * Campaign-wide segment cells (every agency together), for the campaign CSV. Respondents are
 * enterprises counted once per cell, and suppression goes by them. These cells are also the
 * column sums of the agencies' cells (in evaluations and satisfied counts): showing one whose
 * column hides an agency's cell would let that cell be recovered by subtracting the agencies'
 * shown cells. So every value hidden in any agency's row is hidden here too, before complements.
 */
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ALL_AGENCIES, READ_MODEL_STORE, DocumentReads, SEGMENT_COLLECTIONS, SegmentStatsDoc } from '@survey/read-models';
import { LevelInput, SEGMENT_DIMENSIONS, segmentRow, SegmentRows } from '@survey/reporting';
import { APP_CONFIG, AppConfig } from '../config/config';
import { campaignAndPrevious, segmentCells } from './report-source';

export class CampaignSegmentsQuery extends Query<NonNullable<SegmentRows>> {
  constructor(readonly campaignId: string) {
    super();
  }
}

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

/** The campaign-wide rows from a campaign's `segment-stats` documents (its agencies' and the `*` one). */
export function campaignSegmentRows(scale: LevelInput[], docs: SegmentStatsDoc[], k: number): NonNullable<SegmentRows> {
  const all = docs.find((d) => d.agencyId === ALL_AGENCIES);
  const agencies = docs.filter((d) => d.agencyId !== ALL_AGENCIES);
  return Object.fromEntries(
    SEGMENT_DIMENSIONS.map((d) => {
      const hiddenInAnAgency = new Set<string>();
      for (const agency of agencies) {
        for (const cell of segmentRow(d, segmentCells(agency.cells[d]), scale, k)) if ('suppressed' in cell) hiddenInAnAgency.add(cell.value);
      }
      return [d, segmentRow(d, segmentCells(all?.cells[d]), scale, k, hiddenInAnAgency)];
    }),
  ) as NonNullable<SegmentRows>;
}
