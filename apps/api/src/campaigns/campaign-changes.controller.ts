/** Admin changes to a campaign while it is scheduled or open: a later closing, agencies added or renamed. */
import { Body, Controller, Param, Patch, Post, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { ChangeCampaignCommand, Principal } from '@survey/application';
import { Allow, CurrentPrincipal } from '../http/auth';
import { metaOf } from '../http/meta';
import { AddAgencyDto, ChangeCampaignDto, PutAgencyDto } from './campaign-changes.dto';
import { Answers, json, ref } from '../docs/answers';

@Controller('v1/campaigns/:id')
@Allow('admin')
export class CampaignChangesController {
  constructor(private readonly commands: CommandBus) {}

  @Answers({ summary: 'Extend the closing of a scheduled or open campaign', ok: { 200: json(ref('CampaignChange')) }, errors: { 400: 'not later than the current closing, or another property', 404: 'no such campaign', 409: 'closed or published' } })
  @Patch()
  extend(@Param('id') campaignId: string, @Body() body: ChangeCampaignDto, @CurrentPrincipal() who: Principal) {
    return this.commands.execute(new ChangeCampaignCommand({ type: 'ExtendClosing', data: { campaignId, closesAt: body.closesAt } }, metaOf(who)));
  }

  /** 201 with the campaign; 409 when the id is taken (PUT renames). */
  @Answers({ summary: 'Add an agency to a campaign', ok: { 201: json(ref('CampaignChange')) }, errors: { 400: 'a bad id or a blank name', 404: 'no such campaign', 409: 'the id is taken, or the campaign is closed' } })
  @Post('agencies')
  add(@Param('id') campaignId: string, @Body() body: AddAgencyDto, @CurrentPrincipal() who: Principal) {
    return this.commands.execute(new ChangeCampaignCommand({ type: 'AddAgency', data: { campaignId, agencyId: body.id, name: body.name } }, metaOf(who)));
  }

  /** 201 when the agency is new, 200 when renamed or already so named. */
  @Answers({ summary: 'Add or rename an agency of a campaign', ok: { 201: json(ref('CampaignChange')), 200: json(ref('CampaignChange')) }, errors: { 400: 'a bad id or a blank name', 404: 'no such campaign', 409: 'the campaign is closed' } })
  @Put('agencies/:agencyId')
  async put(
    @Param('id') campaignId: string,
    @Param('agencyId') agencyId: string,
    @Body() body: PutAgencyDto,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commands.execute(new ChangeCampaignCommand({ type: 'PutAgency', data: { campaignId, agencyId, name: body.name } }, metaOf(who)));
    reply.status(result.outcome === 'added' ? 201 : 200);
    return result;
  }
}
