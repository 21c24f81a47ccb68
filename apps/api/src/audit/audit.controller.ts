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

@Controller('v1/audit')
@Allow('auditor')
@UseInterceptors(AuditReadInterceptor)
export class AuditController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  /** Every event of one ballot as stored, with positions and metadata. */
  @Get('campaigns/:id/ballots/:creditCode')
  @AuditedRead('ballot-history')
  ballot(@Param('id') campaignId: string, @Param('creditCode') creditCode: string) {
    return this.queries.execute(new BallotHistoryQuery(campaignId, CreditCode.parse(creditCode).value));
  }

  /** Replays the log and reports, figure by figure, whether the published figures reproduce (200 either way). */
  @Get('campaigns/:id/verify')
  @AuditedRead('verify')
  @ReplaysTheLog()
  verify(@Param('id') campaignId: string) {
    return this.queries.execute(new VerifyPublishedQuery(campaignId));
  }

  /** Who read what and when, one UTC day at a time, oldest first; reading it is itself recorded. */
  @Get('reads')
  @AuditedRead('audit-reads')
  reads(@Query() query: AuditReadsQueryDto) {
    return this.queries.execute(new ListAuditReadsQuery(query.date, query.from ?? 0, query.limit ?? 100));
  }

  /** The rating leaves every live figure; the ballot's history and the enterprise's view keep it, with the reason. */
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
