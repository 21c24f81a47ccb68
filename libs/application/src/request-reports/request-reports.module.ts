/**
 * Requests reports (CLOSED-LOOP.md "Report shapes"): the requests' handling per agency, category
 * and month over a span of days for staff, and the yearly totals for the public, both from the
 * `request-reports` projection (@survey/read-models), which runs wherever the projections run.
 */
import { Module } from '@nestjs/common';
import { PublicRequestsHandler } from './public-requests.handler';
import { RequestReportHandler } from './request-report.handler';

@Module({
  providers: [RequestReportHandler, PublicRequestsHandler],
})
export class RequestReportsModule {}
