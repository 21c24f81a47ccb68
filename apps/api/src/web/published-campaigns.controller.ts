/**
 * Which campaigns have published results, for anyone: the public page's campaign picker. Only
 * what publishing made public is named here (id, year, title, when); the figures are at
 * GET /v1/public/campaigns/{id}/results.
 */
import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ListCampaignsQuery } from '@survey/application';

export interface PublishedCampaign {
  id: string;
  year: number;
  title: string;
  publishedAt: string;
}

@Controller('v1/public')
export class PublishedCampaignsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('campaigns')
  async list(): Promise<{ campaigns: PublishedCampaign[] }> {
    const { campaigns } = await this.queries.execute(new ListCampaignsQuery());
    return {
      campaigns: campaigns.flatMap(({ id, year, title, publishedAt }) => (publishedAt ? [{ id, year, title, publishedAt }] : [])),
    };
  }
}
