import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CampaignHistoryQuery } from '@survey/application';
import { Allow } from '../http/auth';
import { Answers, json, ref } from '../docs/answers';

@Controller('v1/audit/campaigns')
@Allow('auditor', 'admin')
export class CampaignHistoryController {
  constructor(private readonly queries: QueryBus) {}

  /** Every event of the campaign stream as stored: opening, changes while open, closing, publication. */
  @Answers({ summary: 'Every event of a campaign\'s stream', ok: { 200: json(ref('CampaignHistory')) }, errors: { 404: 'no such campaign' } })
  @Get(':id/history')
  history(@Param('id') campaignId: string) {
    return this.queries.execute(new CampaignHistoryQuery(campaignId));
  }
}
