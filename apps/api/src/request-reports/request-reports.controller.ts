/**
 * The enterprises' requests' handling over a span of days, per agency, category and month, for
 * staff (CLOSED-LOOP.md "Report shapes"): counts and rates, never suppressed, `open` and `overdue`
 * as they stand now.
 */
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { RequestReportQuery } from '@survey/application';
import { Answers, json, ref } from '../docs/answers';
import { Allow } from '../http/auth';
import { daySpanParams } from './report-params';

@Controller('v1/reports')
export class RequestReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Answers({
    summary: 'How the enterprises\' requests are being handled, per agency, category and month, and in all',
    description: 'Each count is the requests that reached that step on the days of the span (each once); open and overdue are the requests received on those days that are open now.',
    ok: { 200: json(ref('RequestReport')) },
    errors: { 400: 'from or to not a date that exists, repeated, or to before from' },
    query: { from: 'first local day (YYYY-MM-DD, Asia/Shanghai), included; default: the beginning', to: 'last local day, included; default: no end' },
  })
  @Get('requests')
  @Allow('analyst', 'auditor', 'admin', 'centre')
  report(@Query() query: Record<string, unknown>) {
    const { from, to } = daySpanParams(query);
    return this.queries.execute(new RequestReportQuery(from, to));
  }
}
