/**
 * Readiness, for the processes that answer health checks: the API (/v1/health/ready) and
 * apps/projector (HEALTH_PORT); and the subscribers' lag in their metrics, from the same status.
 */
import { Module } from '@nestjs/common';
import { Readiness } from './readiness';
import { SubscriberMetrics } from './subscriber-metrics';

@Module({
  providers: [Readiness, SubscriberMetrics],
  exports: [Readiness],
})
export class HealthModule {}
