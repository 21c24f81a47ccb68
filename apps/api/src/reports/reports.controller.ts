/** Analysts' reports: the headline, one agency's detail and the trends (CSV exports: reports-csv.controller.ts). */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Allow } from '../http/auth';
import { AgencyReportAsOfQuery, AgencyReportQuery, CampaignReportAsOfQuery, CampaignReportQuery, TrendsQuery } from '@survey/application';
import { asOfParam, optionalParam } from '../http/query-params';
import { ReplaysAsOf } from '../http/rate-limit';
import { Answers, json, ref } from '../docs/answers';

@Controller('v1/reports')
@Allow('analyst', 'auditor', 'admin')
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Answers({ summary: 'The headline report of a campaign', ok: { 200: json(ref('Headline')) }, errors: { 400: 'a bad asOf', 404: 'no such campaign (or not opened yet at asOf)' }, query: { asOf: 'an ISO 8601 date or date-time with a zone: the figures as of then (replays the log)' } })
  @Get('campaigns/:id')
  @ReplaysAsOf()
  headline(@Param('id') id: string, @Query() query: Record<string, unknown>) {
    const at = asOfParam(query);
    return this.queries.execute(at ? new CampaignReportAsOfQuery(id, at) : new CampaignReportQuery(id));
  }

  @Answers({ summary: 'One agency\'s detail: questions and segment breakdowns', ok: { 200: json(ref('AgencyReport')) }, errors: { 400: 'a bad asOf', 404: 'no such campaign or agency' }, query: { asOf: 'as of a past time: no segments then (segmentsOmitted says why)' } })
  @Get('campaigns/:id/agencies/:agencyId')
  @ReplaysAsOf()
  agency(@Param('id') id: string, @Param('agencyId') agencyId: string, @Query() query: Record<string, unknown>) {
    const at = asOfParam(query);
    return this.queries.execute(at ? new AgencyReportAsOfQuery(id, agencyId, at) : new AgencyReportQuery(id, agencyId));
  }

  @Answers({ summary: 'The series over all campaigns, overall or for one agency', ok: { 200: json(ref('Trends')) }, errors: { 400: 'agencyId given more than once', 404: 'the agency is in no campaign' }, query: { agencyId: 'one agency instead of the whole city' } })
  @Get('trends')
  trends(@Query() query: Record<string, unknown>) {
    return this.queries.execute(new TrendsQuery(optionalParam(query, 'agencyId') ?? null));
  }
}
