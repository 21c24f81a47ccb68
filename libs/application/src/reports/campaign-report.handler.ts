/**
 * The headline report, from read models only. The documents are read between two looks at the
 * checkpoint; if a projection batch landed in between, the read is repeated, so the figures all
 * come from one position. A report is kept for the checkpoint it was built at: the read models
 * cannot change without the checkpoint moving, so until then it is still exact. The checkpoint
 * read carries the generation served: a rebuild's switch between the two looks also repeats the read.
 */
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '@survey/domain';
import {
  AgencyStatsDoc, CampaignDoc, CampaignStatsDoc, COLLECTIONS, READ_MODEL_STORE, ReadModelStore, reportsProjection,
} from '@survey/read-models';
import { CampaignCounts, headlineReport, HeadlineReport } from '@survey/reporting';
import { CampaignReportQuery } from './campaign-report.query';

@QueryHandler(CampaignReportQuery)
export class CampaignReportHandler implements IQueryHandler<CampaignReportQuery> {
  private readonly built = new Map<string, { generation: number; position: number; report: HeadlineReport }>();

  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  async execute({ campaignId }: CampaignReportQuery): Promise<HeadlineReport> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.readModels.servedCheckpoint(reportsProjection.name);
      const kept = this.built.get(campaignId);
      if (kept?.position === before.position && kept.generation === before.generation) return kept.report;
      const report = await this.build(campaignId, before);
      const after = await this.readModels.servedCheckpoint(reportsProjection.name);
      if (after.position === before.position && after.generation === before.generation) {
        if (this.built.size > 100) this.built.clear();
        this.built.set(campaignId, { generation: before.generation, position: before.position, report });
        return report;
      }
      if (attempt >= 5) return report;
    }
  }

  private async build(campaignId: string, checkpoint: { position: number; recordedAt: string | null }): Promise<HeadlineReport> {
    const campaigns = await this.readModels.list<CampaignDoc>(COLLECTIONS.campaigns);
    const campaign = campaigns.find((c) => c.campaignId === campaignId);
    if (!campaign) throw new NotFound(`campaign ${campaignId} not found`);
    const previous = campaigns
      .filter((c) => c.year < campaign.year)
      .sort((a, b) => b.year - a.year)[0];
    const [current, prior] = await Promise.all([this.counts(campaign), previous ? this.counts(previous) : null]);
    return headlineReport(current, prior, checkpoint);
  }

  private async counts(campaign: CampaignDoc): Promise<CampaignCounts> {
    const [stats, agencies] = await Promise.all([
      this.readModels.get<CampaignStatsDoc>(COLLECTIONS.campaignStats, campaign.campaignId),
      this.readModels.list<AgencyStatsDoc>(COLLECTIONS.agencyStats, `${campaign.campaignId}/`),
    ]);
    return {
      campaignId: campaign.campaignId,
      year: campaign.year,
      agencies: campaign.agencies,
      scale: campaign.scale,
      respondents: stats?.respondents ?? 0,
      levels: stats?.levels ?? {},
      agencyLevels: Object.fromEntries(agencies.map((a) => [a.agencyId, a.levels])),
    };
  }
}
