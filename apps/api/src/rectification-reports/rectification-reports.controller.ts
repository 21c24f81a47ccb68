/**
 * The rectification cases' handling per campaign and agency, for staff (CLOSED-LOOP.md "Report
 * shapes"): counts and rates, never suppressed, `open` and `overdue` as they stand now.
 */
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { RectificationReportQuery } from '@survey/application';
import { Answers, json, ref } from '../docs/answers';
import { Allow } from '../http/auth';
import { requiredParam } from '../http/query-params';

@Controller('v1/reports')
export class RectificationReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Answers({
    summary: 'How the bad reviews of a campaign are being handled, per agency and in all',
    ok: { 200: json(ref('RectificationReport')) },
    errors: { 400: 'campaignId missing, empty or repeated', 404: 'no such campaign' },
    query: { campaignId: 'the campaign (required)' },
  })
  @Get('rectification')
  @Allow('analyst', 'auditor', 'admin', 'centre')
  report(@Query() query: Record<string, unknown>) {
    return this.queries.execute(new RectificationReportQuery(requiredParam(query, 'campaignId')));
  }
}
