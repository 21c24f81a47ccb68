/**
 * Rectification reports (CLOSED-LOOP.md "Report shapes"): the cases' handling per campaign and
 * agency for staff, and the public table of a published campaign, both from the `rectification`
 * projection (@survey/read-models), which runs wherever the projections run.
 */
import { Module } from '@nestjs/common';
import { PublicRectificationHandler } from './public-rectification.handler';
import { RectificationReportHandler } from './rectification-report.handler';

@Module({
  providers: [RectificationReportHandler, PublicRectificationHandler],
})
export class RectificationReportsModule {}
