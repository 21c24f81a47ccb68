/** Analysts' reports: the headline, one agency's detail and the trends (CSV exports: reports-csv.controller.ts). */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Allow } from '../http/auth';
import { AgencyReportAsOfQuery, AgencyReportQuery, CampaignReportAsOfQuery, CampaignReportQuery, TrendsQuery } from '@survey/application';
import { asOfParam, optionalParam } from '../http/query-params';
import { ReplaysAsOf } from '../http/rate-limit';

@Controller('v1/reports')
@Allow('analyst', 'auditor', 'admin')
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('campaigns/:id')
  @ReplaysAsOf()
  headline(@Param('id') id: string, @Query() query: Record<string, unknown>) {
    const at = asOfParam(query);
    return this.queries.execute(at ? new CampaignReportAsOfQuery(id, at) : new CampaignReportQuery(id));
  }

  @Get('campaigns/:id/agencies/:agencyId')
  @ReplaysAsOf()
  agency(@Param('id') id: string, @Param('agencyId') agencyId: string, @Query() query: Record<string, unknown>) {
    const at = asOfParam(query);
    return this.queries.execute(at ? new AgencyReportAsOfQuery(id, agencyId, at) : new AgencyReportQuery(id, agencyId));
  }

  @Get('trends')
  trends(@Query() query: Record<string, unknown>) {
    return this.queries.execute(new TrendsQuery(optionalParam(query, 'agencyId') ?? null));
  }
}
