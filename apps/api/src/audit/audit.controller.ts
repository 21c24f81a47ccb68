/** The auditors' routes: ballot histories, invalidation, verification of published figures. */
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CreditCode } from '@survey/domain';
import { Allow, CurrentPrincipal } from '../http/auth';
import { metaOf } from '../http/meta';
import { BallotHistoryQuery, InvalidateEvaluationCommand, Principal, VerifyPublishedQuery } from '@survey/application';
import { InvalidateEvaluationDto } from './invalidate-evaluation.dto';

@Controller('v1/audit')
@Allow('auditor')
export class AuditController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  /** Every event of one ballot as stored, with positions and metadata. */
  @Get('campaigns/:id/ballots/:creditCode')
  ballot(@Param('id') campaignId: string, @Param('creditCode') creditCode: string) {
    return this.queries.execute(new BallotHistoryQuery(campaignId, CreditCode.parse(creditCode).value));
  }

  /** Replays the log and reports, figure by figure, whether the published figures reproduce (200 either way). */
  @Get('campaigns/:id/verify')
  verify(@Param('id') campaignId: string) {
    return this.queries.execute(new VerifyPublishedQuery(campaignId));
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
