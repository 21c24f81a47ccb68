import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Allow } from '../http/auth';
import { CampaignReportQuery } from '@survey/application';

@Controller('v1/reports')
@Allow('analyst', 'auditor', 'admin')
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('campaigns/:id')
  headline(@Param('id') id: string) {
    return this.queries.execute(new CampaignReportQuery(id));
  }
}
