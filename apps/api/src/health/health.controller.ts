/** Liveness, and readiness with the stores' status and each projection's lag (libs/application's Readiness, shared with apps/projector). */
import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ALIVE, Readiness } from '@survey/application';
import { Unlimited } from '../http/rate-limit';
import { Answers, json, ref } from '../docs/answers';

@Controller('v1/health')
@Unlimited()
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  @Answers({ summary: 'Liveness', ok: { 200: json(ref('Alive')) } })
  @Get()
  live() {
    return ALIVE;
  }

  @Answers({ summary: 'Readiness: the stores and each projection\'s lag', ok: { 200: json(ref('Readiness')), 503: json(ref('Readiness')) } })
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const { statusCode, body } = await this.readiness.answer();
    reply.status(statusCode);
    return body;
  }
}
