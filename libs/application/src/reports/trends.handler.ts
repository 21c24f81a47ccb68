/**
 * Trends from the `reports` read models: every campaign's counts (overall, or the agency's in
 * the campaigns that have it in scope), read between two looks at the checkpoint.
 */
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFound, toMap } from '@survey/domain';
import { AgencyStatsDoc, CampaignDoc, CampaignStatsDoc, COLLECTIONS, READ_MODEL_STORE, DocumentReads, reportsProjection } from '@survey/read-models';
import { TrendInput, trends } from '@survey/reporting';
import { TrendsQuery } from './trends.query';

@QueryHandler(TrendsQuery)
export class TrendsHandler implements IQueryHandler<TrendsQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads) {}

  async execute({ agencyId }: TrendsQuery) {
    for (let attempt = 1; ; attempt++) {
      const before = await this.readModels.checkpoint(reportsProjection.name);
      const result = await this.build(agencyId);
      const after = await this.readModels.checkpoint(reportsProjection.name);
      if (after.position === before.position || attempt >= 5) {
        return { ...result, asOf: { position: String(before.position), recordedAt: before.recordedAt } };
      }
    }
  }

  private async build(agencyId: string | null) {
    const all = await this.readModels.list<CampaignDoc>(COLLECTIONS.campaigns);
    const campaigns = agencyId ? all.filter((c) => c.agencies.some((a) => a.id === agencyId)) : all;
    if (agencyId && campaigns.length === 0) throw new NotFound(`agency ${agencyId} is in no campaign`);
    const inputs: TrendInput[] = await Promise.all(
      campaigns.map(async (c) => ({
        campaignId: c.campaignId,
        year: c.year,
        scale: c.scale,
        questionIds: c.questions.map((q) => q.id),
        levels: toMap((agencyId
          ? await this.readModels.get<AgencyStatsDoc>(COLLECTIONS.agencyStats, `${c.campaignId}/${agencyId}`)
          : await this.readModels.get<CampaignStatsDoc>(COLLECTIONS.campaignStats, c.campaignId))?.levels),
      })),
    );
    const latest = [...campaigns].sort((a, b) => b.year - a.year)[0];
    const name = agencyId ? latest.agencies.find((a) => a.id === agencyId)?.name : undefined;
    return { ...trends(agencyId, inputs), ...(name ? { name } : {}) };
  }
}
