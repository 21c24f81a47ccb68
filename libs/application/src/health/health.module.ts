/** Readiness, for the processes that answer health checks: the API (/v1/health/ready) and apps/projector (HEALTH_PORT). */
import { Module } from '@nestjs/common';
import { Readiness } from './readiness';

@Module({
  providers: [Readiness],
  exports: [Readiness],
})
export class HealthModule {}
