import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CampaignHistoryQuery } from '@survey/application';
import { Allow } from '../http/auth';

@Controller('v1/audit/campaigns')
@Allow('auditor', 'admin')
export class CampaignHistoryController {
  constructor(private readonly queries: QueryBus) {}

  /** Every event of the campaign stream as stored: opening, changes while open, closing, publication. */
  @Get(':id/history')
  history(@Param('id') campaignId: string) {
    return this.queries.execute(new CampaignHistoryQuery(campaignId));
  }
}
