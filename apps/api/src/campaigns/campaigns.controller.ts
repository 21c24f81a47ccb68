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
import { Answers, json, ref } from '../docs/answers';

@Controller('v1/campaigns')
export class CampaignsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Answers({ summary: 'Open a campaign', ok: { 201: json(ref('Campaign')) }, errors: { 400: 'closesAt not after opensAt, no agencies, a bad id or an unknown property', 409: 'a campaign with this id exists' } })
  @Post()
  @Allow('admin')
  open(@Body() body: OpenCampaignDto, @CurrentPrincipal() who: Principal) {
    const { id: campaignId, ...rest } = body;
    return this.commands.execute(new OpenCampaignCommand({ campaignId, ...rest }, metaOf(who)));
  }

  @Answers({ summary: 'List the campaigns with their status', description: 'An invitation link sees its own campaign only.', ok: { 200: json(ref('CampaignList')) } })
  @Get()
  @Allow(...ANY_ROLE)
  list(@CurrentPrincipal() who: Principal) {
    return this.queries.execute(new ListCampaignsQuery(who.invitation?.campaignId));
  }

  @Answers({ summary: 'One campaign with its status', ok: { 200: json(ref('Campaign')) }, errors: { 403: 'an invitation link of another campaign', 404: 'no such campaign' } })
  @Get(':id')
  @Allow(...ANY_ROLE)
  get(@Param('id') id: string) {
    return this.queries.execute(new GetCampaignQuery(id));
  }

  @Answers({ summary: 'Close a campaign: later submissions get 409', ok: { 200: json(ref('Campaign')) }, errors: { 404: 'no such campaign', 409: 'already closed' } })
  @Post(':id/close')
  @HttpCode(200)
  @Allow('admin')
  close(@Param('id') id: string, @CurrentPrincipal() who: Principal) {
    return this.commands.execute(new CloseCampaignCommand(id, metaOf(who)));
  }

  @Answers({ summary: 'Freeze and publish the results of a closed campaign', ok: { 200: json(ref('PublishedCampaign')) }, errors: { 404: 'no such campaign', 409: 'not closed, or already published' } })
  @Post(':id/publish')
  @HttpCode(200)
  @Allow('admin')
  publish(@Param('id') id: string, @CurrentPrincipal() who: Principal) {
    return this.commands.execute(new PublishResultsCommand(id, metaOf(who)));
  }
}
