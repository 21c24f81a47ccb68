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
import { Answers, EMPTY, json, ref } from '../docs/answers';

/** An enterprise's own evaluations; the enterprise is always the token's subject. */
@Controller('v1/campaigns/:id/evaluations')
@Allow('enterprise')
export class EvaluationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** 201 for a first submission, 200 for a revision or an identical resubmission. */
  @Answers({ summary: 'Submit or revise my evaluation of an agency', description: 'The enterprise is the token\'s subject. Acknowledged once the event is durably appended.', ok: { 201: json(ref('Submission')), 200: json(ref('Submission')) }, errors: { 400: 'a level or question the campaign does not have, or a comment over 2,000 characters', 403: 'the enterprise is not registered, or an invitation link of another campaign', 404: 'no such campaign or agency', 409: 'the campaign is not open' } })
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

  @Answers({ summary: 'Withdraw my evaluation of an agency', ok: { 204: EMPTY }, errors: { 403: 'an invitation link of another campaign', 404: 'nothing to withdraw (never rated, withdrawn or invalidated), or no such campaign', 409: 'the campaign is not open' } })
  @Delete(':agencyId')
  @HttpCode(204)
  async withdraw(@Param('id') campaignId: string, @Param('agencyId') agencyId: string, @CurrentPrincipal() who: Principal) {
    await this.commands.execute(new WithdrawEvaluationCommand({ campaignId, creditCode: who.sub, agencyId }, metaOf(who)));
  }

  @Answers({ summary: 'My current ballot, from my own stream', ok: { 200: json(ref('Ballot')) }, errors: { 403: 'an invitation link of another campaign', 404: 'no such campaign' } })
  @Get()
  mine(@Param('id') campaignId: string, @CurrentPrincipal() who: Principal) {
    return this.queries.execute(new MyBallotQuery(campaignId, who.sub));
  }
}
