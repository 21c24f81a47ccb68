/**
 * The rectification cases' handling per campaign and agency, for staff (CLOSED-LOOP.md "Report
 * shapes"): counts and rates, never suppressed, `open` and `overdue` as they stand now.
 */
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { RectificationReportQuery } from '@survey/application';
import { Allow } from '../http/auth';
import { requiredParam } from '../http/query-params';

@Controller('v1/reports')
export class RectificationReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('rectification')
  @Allow('analyst', 'auditor', 'admin')
  report(@Query() query: Record<string, unknown>) {
    return this.queries.execute(new RectificationReportQuery(requiredParam(query, 'campaignId')));
  }
}
