/** Liveness, and readiness with the stores' status and each projection's lag. */
import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Projections } from '@survey/application';
import { Unlimited } from '../http/rate-limit';

@Controller('v1/health')
@Unlimited()
export class HealthController {
  constructor(private readonly projections: Projections) {}

  @Get()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      const { head, projections } = await this.projections.status();
      const ready = projections.every((p) => !p.status.startsWith('failed'));
      reply.status(ready ? 200 : 503);
      return { status: ready ? 'ready' : 'unavailable', eventStore: 'ok', readModels: 'ok', head, projections };
    } catch (e) {
      reply.status(503);
      return { status: 'unavailable', detail: (e as Error).message };
    }
  }
}
