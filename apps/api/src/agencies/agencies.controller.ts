/**
 * The city's agency directory (CLOSED-LOOP.md): an admin registers or renames an agency; anyone
 * signed in reads the directory, which also holds every agency of any campaign. Requests are
 * dispatched only to an agency it knows.
 */
import { Body, Controller, Get, Param, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { ListAgenciesQuery, Principal, PutAgencyCommand } from '@survey/application';
import { Allow, ANY_ROLE, CurrentPrincipal } from '../http/auth';
import { metaOf } from '../http/meta';
import { PutAgencyDto } from '../campaigns/campaign-changes.dto';
import { Answers, json, ref } from '../docs/answers';

@Controller('v1/agencies')
export class AgenciesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Answers({ summary: 'The agency directory', description: 'Every agency registered here and every agency of any campaign, by id.', ok: { 200: json(ref('AgencyDirectory')) } })
  @Get()
  @Allow(...ANY_ROLE)
  list() {
    return this.queries.execute(new ListAgenciesQuery());
  }

  /** 201 when the agency is new to the directory, 200 when renamed or already so named. */
  @Answers({ summary: 'Register or rename an agency in the directory', ok: { 201: json(ref('AgencyRegistration')), 200: json(ref('AgencyRegistration')) }, errors: { 400: 'a bad agency id or a blank name' } })
  @Put(':agencyId')
  @Allow('admin')
  async put(
    @Param('agencyId') agencyId: string,
    @Body() body: PutAgencyDto,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commands.execute(new PutAgencyCommand(agencyId, body.name, metaOf(who)));
    reply.status(result.outcome === 'registered' ? 201 : 200);
    return result;
  }
}
