/** The staff's requests report, from the `request-reports` projection; `open` and `overdue` counted at the clock's now. */
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DocumentReads, READ_MODEL_STORE } from '@survey/read-models';
import { requestReport, RequestReport } from '@survey/reporting';
import { APP_CONFIG, AppConfig } from '../config/config';
import { CLOCK, Clock } from '../runtime/clock';
import { RequestReportQuery } from './request-report.query';
import { reportedCategories, requestReportInput } from './request-source';

@QueryHandler(RequestReportQuery)
export class RequestReportHandler implements IQueryHandler<RequestReportQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ from, to }: RequestReportQuery): Promise<RequestReport> {
    return requestReport(await requestReportInput(this.readModels, reportedCategories(this.config), from, to), this.clock.now());
  }
}
