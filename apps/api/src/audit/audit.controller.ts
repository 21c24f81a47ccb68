/** The auditors' routes: ballot histories, invalidation, verification of published figures, and the log of their reads. */
import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CreditCode } from '@survey/domain';
import { Allow, CurrentPrincipal } from '../http/auth';
import { metaOf } from '../http/meta';
import { ReplaysTheLog } from '../http/rate-limit';
import { BallotHistoryQuery, InvalidateEvaluationCommand, ListAuditReadsQuery, Principal, VerifyPublishedQuery } from '@survey/application';
import { AuditedRead, AuditReadInterceptor } from './audit-read.interceptor';
import { AuditReadsQueryDto } from './audit-reads.dto';
import { InvalidateEvaluationDto } from './invalidate-evaluation.dto';
import { Answers, json, ref } from '../docs/answers';

@Controller('v1/audit')
@Allow('auditor')
@UseInterceptors(AuditReadInterceptor)
export class AuditController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  /** Every event of one ballot as stored, with positions and metadata. */
  @Answers({ summary: 'A ballot\'s full event history', ok: { 200: json(ref('BallotHistory')) }, errors: { 404: 'no such campaign', 422: 'the credit code fails GB 32100' } })
  @Get('campaigns/:id/ballots/:creditCode')
  @AuditedRead('ballot-history')
  ballot(@Param('id') campaignId: string, @Param('creditCode') creditCode: string) {
    return this.queries.execute(new BallotHistoryQuery(campaignId, CreditCode.parse(creditCode).value));
  }

  /** Replays the log and reports, figure by figure, whether the published figures reproduce (200 either way). */
  @Answers({ summary: 'Replay the log and check the published figures, one by one', description: '200 whether or not they reproduce: see `ok` and `failures`.', ok: { 200: json(ref('Verification')) }, errors: { 404: 'no such campaign', 409: 'not published' } })
  @Get('campaigns/:id/verify')
  @AuditedRead('verify')
  @ReplaysTheLog()
  verify(@Param('id') campaignId: string) {
    return this.queries.execute(new VerifyPublishedQuery(campaignId));
  }

  /** Who read what and when, one UTC day at a time, oldest first; reading it is itself recorded. */
  @Answers({ summary: 'Who read what and when, one UTC day at a time', ok: { 200: json(ref('AuditReads')) }, errors: { 400: 'a bad date, from or limit' } })
  @Get('reads')
  @AuditedRead('audit-reads')
  reads(@Query() query: AuditReadsQueryDto) {
    return this.queries.execute(new ListAuditReadsQuery(query.date, query.from ?? 0, query.limit ?? 100));
  }

  /** The rating leaves every live figure; the ballot's history and the enterprise's view keep it, with the reason. */
  @Answers({ summary: 'Invalidate an evaluation: it leaves every live figure', ok: { 200: json(ref('Invalidation')) }, errors: { 400: 'a reason missing, blank or over 500 characters', 404: 'no current evaluation to invalidate, or no such campaign', 422: 'the credit code fails GB 32100' } })
  @Post('campaigns/:id/ballots/:creditCode/evaluations/:agencyId/invalidate')
  @HttpCode(200)
  invalidate(
    @Param('id') campaignId: string,
    @Param('creditCode') creditCode: string,
    @Param('agencyId') agencyId: string,
    @Body() body: InvalidateEvaluationDto,
    @CurrentPrincipal() who: Principal,
  ) {
    const data = { campaignId, creditCode: CreditCode.parse(creditCode).value, agencyId, reason: body.reason };
    return this.commands.execute(new InvalidateEvaluationCommand(data, metaOf(who)));
  }
}
