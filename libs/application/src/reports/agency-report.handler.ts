/**
 * The agency detail report from the live read models of two projections (`reports` for levels
 * and questions, `segments` for the breakdowns). As for the headline, the documents are read
 * between two looks at both checkpoints and the read is repeated if either moved, so the
 * figures come from one position of each.
 */
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { READ_MODEL_STORE, DocumentReads, reportsProjection, segmentsProjection } from '@survey/read-models';
import { AgencyDetail } from '@survey/reporting';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AgencyReportQuery } from './agency-report.query';
import { agencyDetailFrom } from './report-source';

@QueryHandler(AgencyReportQuery)
export class AgencyReportHandler implements IQueryHandler<AgencyReportQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ campaignId, agencyId }: AgencyReportQuery): Promise<AgencyDetail> {
    const positions = () => Promise.all([reportsProjection.name, segmentsProjection.name].map((p) => this.readModels.checkpoint(p)));
    for (let attempt = 1; ; attempt++) {
      const [reports, segments] = await positions();
      const detail = await agencyDetailFrom(this.readModels, campaignId, agencyId, this.config.suppressionK, reports, { include: true });
      const [reportsAfter, segmentsAfter] = await positions();
      if ((reportsAfter.position === reports.position && segmentsAfter.position === segments.position) || attempt >= 5) return detail;
    }
  }
}
