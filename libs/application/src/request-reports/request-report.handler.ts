/** The staff's requests report, from the `request-reports` projection; `open` and `overdue` counted at the clock's now. */
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DocumentReads, READ_MODEL_STORE } from '@survey/read-models';
import { requestReport, RequestReport } from '@survey/reporting';
import { CLOCK, Clock } from '../runtime/clock';
import { RequestReportQuery } from './request-report.query';
import { requestReportInput } from './request-source';

@QueryHandler(RequestReportQuery)
export class RequestReportHandler implements IQueryHandler<RequestReportQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ from, to }: RequestReportQuery): Promise<RequestReport> {
    return requestReport(await requestReportInput(this.readModels, from, to), this.clock.now());
  }
}
