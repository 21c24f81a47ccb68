/** Liveness, and readiness with the stores' status and each projection's lag. */
import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { Projections } from '../infrastructure/stores.module';

@Controller('v1/health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly projections: Projections,
  ) {}

  @Get()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    let head: number | null = null;
    let eventStore = 'ok';
    try {
      head = await this.events.headPosition();
    } catch (e) {
      eventStore = `unavailable: ${(e as Error).message}`;
    }
    const projections = this.projections.all.map((p) => ({
      name: p.name,
      position: p.position.position,
      lag: head === null ? null : Math.max(0, head - p.position.position),
      status: p.error ? `failed: ${(p.error as Error).message ?? p.error}` : 'running',
    }));
    const ready = eventStore === 'ok' && projections.every((p) => p.status === 'running');
    reply.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'unavailable', eventStore, head, projections };
  }
}
