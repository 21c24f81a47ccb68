/** Analysts' reports: the headline, one agency's detail and the trends (CSV exports: reports-csv.controller.ts). */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Allow } from '../http/auth';
import { AgencyReportQuery, CampaignReportQuery, TrendsQuery } from '@survey/application';
import { optionalParam } from '../http/query-params';

@Controller('v1/reports')
@Allow('analyst', 'auditor', 'admin')
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('campaigns/:id')
  headline(@Param('id') id: string) {
    return this.queries.execute(new CampaignReportQuery(id));
  }

  @Get('campaigns/:id/agencies/:agencyId')
  agency(@Param('id') id: string, @Param('agencyId') agencyId: string) {
    return this.queries.execute(new AgencyReportQuery(id, agencyId));
  }

  @Get('trends')
  trends(@Query() query: Record<string, unknown>) {
    return this.queries.execute(new TrendsQuery(optionalParam(query, 'agencyId') ?? null));
  }
}
