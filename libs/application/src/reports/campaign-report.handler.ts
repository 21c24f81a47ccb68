/**
 * The headline report, from read models only. The documents are read between two looks at the
 * checkpoint; if a projection batch landed in between, the read is repeated, so the figures all
 * come from one position. A report is kept for the checkpoint it was built at: the read models
 * cannot change without the checkpoint moving, so until then it is still exact. The checkpoint
 * read carries the generation served: a rebuild's switch between the two looks also repeats the read.
 */
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CampaignDoc, COLLECTIONS, READ_MODEL_STORE, DocumentReads, reportsProjection } from '@survey/read-models';
import { HeadlineReport } from '@survey/reporting';
import { CampaignReportQuery } from './campaign-report.query';
import { withPublished } from './published-comparison';
import { headlineFrom } from './report-source';

@QueryHandler(CampaignReportQuery)
export class CampaignReportHandler implements IQueryHandler<CampaignReportQuery> {
  private readonly built = new Map<string, { generation: number; position: number; report: HeadlineReport }>();

  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads) {}

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

  /** The headline, and how it differs from the published figures when an invalidation came after publishing. */
  private async build(campaignId: string, checkpoint: { position: number; recordedAt: string | null }): Promise<HeadlineReport> {
    const [report, campaign] = await Promise.all([
      headlineFrom(this.readModels, campaignId, checkpoint),
      this.readModels.get<CampaignDoc>(COLLECTIONS.campaigns, campaignId),
    ]);
    return withPublished(report, campaign?.published ?? null);
  }
}
