import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Allow, ANY_ROLE, CurrentPrincipal, Principal } from '../http/auth';
import { metaOf } from '../http/meta';
import { CloseCampaignCommand } from './close-campaign.command';
import { GetCampaignQuery, ListCampaignsQuery } from './campaign.queries';
import { OpenCampaignDto } from './open-campaign.dto';
import { OpenCampaignCommand } from './open-campaign.command';
import { PublishResultsCommand } from './publish-results.command';

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
  list() {
    return this.queries.execute(new ListCampaignsQuery());
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
