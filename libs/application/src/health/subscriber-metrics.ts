/**
 * Feeds the subscribers' lag gauges from what reports projection status (the Projections port,
 * the source of readiness too): every subscriber it lists, projections today and the reactors
 * that join it later, is a `subscriber` label, read at each scrape and never on the hot path.
 */
import { Injectable, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { MetricsService } from '../observability/metrics.service';
import { Projections } from '../projections/projections';

@Injectable()
export class SubscriberMetrics implements OnApplicationBootstrap {
  constructor(
    private readonly projections: Projections,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.metrics?.enabled) return;
    this.metrics.watchSubscribers(async () => {
      const { head, projections } = await this.projections.status();
      return { head, subscribers: projections.map((p) => ({ name: p.name, position: p.position, lag: p.lag, lagUnit: p.lagUnit, failed: p.status === 'failed' })) };
    });
  }
}
