/** Liveness, and readiness with the stores' status and each projection's lag (libs/application's Readiness). */
import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Readiness } from '@survey/application';
import { Unlimited } from '../http/rate-limit';

@Controller('v1/health')
@Unlimited()
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  @Get()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const { ready, body } = await this.readiness.check();
    reply.status(ready ? 200 : 503);
    return body;
  }
}
