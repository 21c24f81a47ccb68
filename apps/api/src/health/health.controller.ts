/** Liveness, and readiness with the stores' status and each projection's lag (libs/application's Readiness, shared with apps/projector). */
import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ALIVE, Readiness } from '@survey/application';
import { Unlimited } from '../http/rate-limit';

@Controller('v1/health')
@Unlimited()
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  @Get()
  live() {
    return ALIVE;
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const { statusCode, body } = await this.readiness.answer();
    reply.status(statusCode);
    return body;
  }
}
