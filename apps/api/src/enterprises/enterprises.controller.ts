import { Body, Controller, Param, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { CreditCode } from '@survey/domain';
import { Allow, CurrentPrincipal } from '../http/auth';
import type { Principal } from '@survey/application';
import { metaOf } from '../http/meta';
import { RegisterEnterpriseCommand } from '@survey/application';
import { RegisterEnterpriseDto } from './register-enterprise.dto';
import { Answers, json, ref } from '../docs/answers';

@Controller('v1/enterprises')
export class EnterprisesController {
  constructor(private readonly commands: CommandBus) {}

  /** 201 when the enterprise is new, 200 when its profile changed or was already so. */
  @Answers({ summary: 'Register an enterprise or change its profile', ok: { 201: json(ref('EnterpriseRegistration')), 200: json(ref('EnterpriseRegistration')) }, errors: { 422: 'the credit code fails GB 32100' } })
  @Put(':creditCode')
  @Allow('admin')
  async register(
    @Param('creditCode') creditCode: string,
    @Body() body: RegisterEnterpriseDto,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const code = CreditCode.parse(creditCode).value;
    const result = await this.commands.execute(new RegisterEnterpriseCommand({ creditCode: code, ...body }, metaOf(who)));
    reply.status(result.outcome === 'registered' ? 201 : 200);
    return result;
  }
}
