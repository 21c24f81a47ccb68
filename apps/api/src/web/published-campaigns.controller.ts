/**
 * Which campaigns have published results, for anyone: the public page's campaign picker. Only
 * what publishing made public is named (PublishedCampaignsQuery); the figures are at
 * GET /v1/public/campaigns/{id}/results.
 */
import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { PublishedCampaignsQuery } from '@survey/application';
import { Answers, json, ref } from '../docs/answers';

@Controller('v1/public')
export class PublishedCampaignsController {
  constructor(private readonly queries: QueryBus) {}

  @Answers({ summary: 'The campaigns with published results', ok: { 200: json(ref('PublishedCampaigns')) } })
  @Get('campaigns')
  list() {
    return this.queries.execute(new PublishedCampaignsQuery());
  }
}
