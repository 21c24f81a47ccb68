import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Allow, ANY_ROLE, CurrentPrincipal } from '../http/auth';
import type { Principal } from '@survey/application';
import { metaOf } from '../http/meta';
import { CloseCampaignCommand } from '@survey/application';
import { GetCampaignQuery, ListCampaignsQuery } from '@survey/application';
import { OpenCampaignDto } from './open-campaign.dto';
import { OpenCampaignCommand } from '@survey/application';
import { PublishResultsCommand } from '@survey/application';

@Controller('v1/campaigns')
export class CampaignsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Allow('admin')
  open(@Body() body: OpenCampaignDto, @CurrentPrincipal() who: Principal) {
    const { id: campaignId, ...rest } = body;
    return this.commands.execute(new OpenCampaignCommand({ campaignId, ...rest }, metaOf(who)));
  }

  @Get()
  @Allow(...ANY_ROLE)
  list(@CurrentPrincipal() who: Principal) {
    return this.queries.execute(new ListCampaignsQuery(who.invitation?.campaignId));
  }

  @Get(':id')
  @Allow(...ANY_ROLE)
  get(@Param('id') id: string) {
    return this.queries.execute(new GetCampaignQuery(id));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Allow('admin')
  close(@Param('id') id: string, @CurrentPrincipal() who: Principal) {
    return this.commands.execute(new CloseCampaignCommand(id, metaOf(who)));
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Allow('admin')
  publish(@Param('id') id: string, @CurrentPrincipal() who: Principal) {
    return this.commands.execute(new PublishResultsCommand(id, metaOf(who)));
  }
}
