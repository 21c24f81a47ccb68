import { Body, Controller, Delete, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { Allow, CurrentPrincipal } from '../http/auth';
import type { Principal } from '@survey/application';
import { metaOf } from '../http/meta';
import { MyBallotQuery } from '@survey/application';
import { SubmitEvaluationCommand } from '@survey/application';
import { SubmitEvaluationDto } from './submit-evaluation.dto';
import { WithdrawEvaluationCommand } from '@survey/application';

/** An enterprise's own evaluations; the enterprise is always the token's subject. */
@Controller('v1/campaigns/:id/evaluations')
@Allow('enterprise')
export class EvaluationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** 201 for a first submission, 200 for a revision or an identical resubmission. */
  @Put(':agencyId')
  async submit(
    @Param('id') campaignId: string,
    @Param('agencyId') agencyId: string,
    @Body() body: SubmitEvaluationDto,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = { campaignId, creditCode: who.sub, agencyId, rating: body.rating, answers: body.answers ?? {}, comment: body.comment ?? null, contactConsent: body.contactConsent === true };
    const { outcome } = await this.commands.execute(new SubmitEvaluationCommand(data, metaOf(who)));
    reply.status(outcome === 'submitted' ? 201 : 200);
    return { campaignId, agencyId, outcome };
  }

  @Delete(':agencyId')
  @HttpCode(204)
  async withdraw(@Param('id') campaignId: string, @Param('agencyId') agencyId: string, @CurrentPrincipal() who: Principal) {
    await this.commands.execute(new WithdrawEvaluationCommand({ campaignId, creditCode: who.sub, agencyId }, metaOf(who)));
  }

  @Get()
  mine(@Param('id') campaignId: string, @CurrentPrincipal() who: Principal) {
    return this.queries.execute(new MyBallotQuery(campaignId, who.sub));
  }
}
