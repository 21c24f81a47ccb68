/**
 * Readiness, as the API and apps/projector answer it on /v1/health/ready: ready (200) when the
 * event log can be written and no projection has failed; otherwise 503 with what is wrong (the
 * store's error, each projection's status and error), so an orchestrator stops sending traffic and
 * an operator sees why. It turns ready again by itself once the store writes and the projections
 * have folded past their failure.
 */
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { Projections, ProjectionStatus } from '../projections/projections';

export interface ReadinessBody {
  status: 'ready' | 'unavailable';
  eventStore?: 'ok' | 'unavailable';
  /** Why the log cannot be written (e.g. SQLITE_FULL), since when. */
  eventStoreError?: { code: string; message: string; since: string };
  readModels?: 'ok';
  head?: number;
  projections?: ProjectionStatus[];
  detail?: string;
}

@Injectable()
export class Readiness {
  constructor(
    private readonly projections: Projections,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async check(): Promise<{ ready: boolean; body: ReadinessBody }> {
    try {
      const storage = this.events.storageStatus?.() ?? { writable: true };
      const { head, projections } = await this.projections.status();
      const ready = storage.writable && projections.every((p) => p.status !== 'failed');
      const store = storage.writable ? { eventStore: 'ok' as const } : { eventStore: 'unavailable' as const, eventStoreError: storage.error };
      return { ready, body: { status: ready ? 'ready' : 'unavailable', ...store, readModels: 'ok', head, projections } };
    } catch (e) {
      return { ready: false, body: { status: 'unavailable', detail: (e as Error).message } };
    }
  }
}
