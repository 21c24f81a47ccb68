/** Admins revoke an enterprise's invitation link (issuing is `survey invite`, which writes the links out). */
import { ApiProperty } from '@nestjs/swagger';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IsString } from 'class-validator';
import { CreditCode } from '@survey/domain';
import { Principal, RevokeInvitationCommand } from '@survey/application';
import { Allow, CurrentPrincipal } from '../http/auth';
import { metaOf } from '../http/meta';
import { Answers, json, ref } from '../docs/answers';

/** Its length (1–500 characters after trimming) is a rule of the domain. */
export class RevokeInvitationDto {
  @ApiProperty({ minLength: 1, maxLength: 500 }) @IsString() reason!: string;
}

@Controller('v1/campaigns/:id/invitations')
@Allow('admin')
export class InvitationsController {
  constructor(private readonly commands: CommandBus) {}

  /** 200 with the time of revocation; every link issued to the enterprise until then gets 401. */
  @Answers({ summary: 'Revoke an enterprise\'s invitation links to a campaign', ok: { 200: json(ref('Revocation')) }, errors: { 400: 'a reason missing, blank or over 500 characters', 404: 'no such campaign, or no invitation to revoke', 409: 'already revoked', 422: 'the credit code fails GB 32100' } })
  @Post(':creditCode/revoke')
  @HttpCode(200)
  revoke(@Param('id') campaignId: string, @Param('creditCode') creditCode: string, @Body() body: RevokeInvitationDto, @CurrentPrincipal() who: Principal) {
    const code = CreditCode.parse(creditCode).value;
    return this.commands.execute(new RevokeInvitationCommand({ campaignId, creditCode: code, reason: body.reason }, metaOf(who)));
  }
}
