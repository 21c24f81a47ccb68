import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CreditCode } from '@survey/domain';
import { Allow } from '../http/auth';
import { BallotHistoryQuery } from '@survey/application';

@Controller('v1/audit')
@Allow('auditor')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  /** Every event of one ballot as stored, with positions and metadata. */
  @Get('campaigns/:id/ballots/:creditCode')
  ballot(@Param('id') campaignId: string, @Param('creditCode') creditCode: string) {
    return this.queries.execute(new BallotHistoryQuery(campaignId, CreditCode.parse(creditCode).value));
  }
}
