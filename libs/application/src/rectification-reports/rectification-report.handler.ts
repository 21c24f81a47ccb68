/** The staff's rectification report, from the `rectification` projection; `overdue` counted at the clock's now. */
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DocumentReads, READ_MODEL_STORE } from '@survey/read-models';
import { rectificationReport, RectificationReport } from '@survey/reporting';
import { CLOCK, Clock } from '../runtime/clock';
import { RectificationReportQuery } from './rectification-report.query';
import { campaignCases } from './rectification-source';

@QueryHandler(RectificationReportQuery)
export class RectificationReportHandler implements IQueryHandler<RectificationReportQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ campaignId }: RectificationReportQuery): Promise<RectificationReport> {
    const { agencies } = await campaignCases(this.readModels, campaignId);
    return rectificationReport(campaignId, agencies, this.clock.now());
  }
}
