/**
 * Readiness, once, for both processes that answer it: the API's /v1/health/ready and apps/projector's
 * health server. Ready (200) when both stores answer a cheap probe, the event log can be written and
 * no projection has failed; otherwise 503 with what is wrong (each store's status and error, each
 * projection's status and error), so an orchestrator stops sending traffic and an operator sees
 * why. It turns ready again by itself once the stores answer and write and the projections have
 * folded past their failure. With the webhook outbox configured it also counts the parked notices
 * (`notifications.parked`): they are the centre's to retry, and never make the service unready.
 * It also says how far the working-day calendar reaches (`calendar: { coveredUntil, warning }`), a
 * warning when the next 60 days are not all covered; that never makes readiness fail either:
 * deadlines are then counted Monday to Friday and say so.
 *
 * While the process catches up on the log (a fresh API on a long log answers within seconds and
 * folds for minutes), readiness stays 200 — the routes that need a caught-up read model wait for it
 * or say so — and says what is still behind: `followers` lists where the other processes that
 * follow the log stand (the case reactor, the deadline scheduler, the sealer, the outbox:
 * ./log-followers.ts), and `catchingUp` names every projection and follower not yet at the head or,
 * for the scheduler, with deadlines due that it has not recorded. Empty, the process is settled.
 */
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { CalendarCoverage } from '@survey/domain';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { READ_MODEL_STORE, ReadModelStore } from '@survey/read-models';
import { CalendarLoader } from '../calendar/calendar-loader';
import { APP_CONFIG, AppConfig } from '../config/config';
import { PARKED } from '../notifications/parked';
import { Projections, ProjectionStatus } from '../projections/projections';
import { LogFollowers } from './log-followers';
import { CLOCK, Clock, systemClock } from '../runtime/clock';

/** What liveness answers while the process runs. */
export const ALIVE = { status: 'ok' } as const;

/** A store that has not answered its probe in this long counts as unavailable (a hung connection must not hang readiness). */
export const PROBE_TIMEOUT_MS = 2000;

export interface StoreError {
  code: string;
  message: string;
  /** Since when the log cannot be written (known for a failing write, not for a probe that failed). */
  since?: string;
}

export interface ReadinessBody {
  status: 'ready' | 'unavailable';
  eventStore?: 'ok' | 'unavailable';
  /** Why the log cannot be read or written (e.g. SQLITE_FULL, since when). */
  eventStoreError?: StoreError;
  readModels?: 'ok' | 'unavailable';
  readModelsError?: StoreError;
  head?: number;
  projections?: ProjectionStatus[];
  /** The other processes of this one that follow the log, where each stands. */
  followers?: FollowerStatus[];
  /** The projections and followers still catching up (behind the head, or with work due): none once settled. */
  catchingUp?: string[];
  /** With NOTIFY_WEBHOOK_URL set: the notices parked after their last try (GET /v1/notifications/parked lists them). */
  notifications?: { parked: number };
  detail?: string;
  calendar?: CalendarCoverage;
}

export interface FollowerStatus {
  name: string;
  position: number;
  lag: number;
}

export interface ReadinessAnswer {
  statusCode: 200 | 503;
  body: ReadinessBody;
}

type Probe = { ok: true } | { ok: false; error: StoreError };

@Injectable()
export class Readiness {
  constructor(
    private readonly projections: Projections,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly calendar?: CalendarLoader,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
    @Optional() private readonly followers?: LogFollowers,
  ) {}

  async answer(): Promise<ReadinessAnswer> {
    const body = await this.check();
    const calendar = this.calendar?.get().coverage(this.clock.now());
    return { statusCode: body.status === 'ready' ? 200 : 503, body: calendar ? { ...body, calendar } : body };
  }

  private async check(): Promise<ReadinessBody> {
    // The log's head and one checkpoint: one indexed read each, however large the stores are.
    const [log, docs] = await Promise.all([
      probe(() => this.events.headPosition()),
      probe(() => this.readModels.checkpoint(this.projections.definitions[0]?.name ?? 'reports')),
    ]);
    const storage = this.events.storageStatus?.() ?? { writable: true };
    const eventStore = !log.ok ? { eventStore: 'unavailable' as const, eventStoreError: log.error }
      : storage.writable ? { eventStore: 'ok' as const }
      : { eventStore: 'unavailable' as const, eventStoreError: storage.error };
    const readModels = docs.ok ? { readModels: 'ok' as const } : { readModels: 'unavailable' as const, readModelsError: docs.error };
    const stores = { ...eventStore, ...readModels };
    // The projections' status reads both stores: with one of them down there is none to give.
    if (!log.ok || !docs.ok) return { status: 'unavailable', ...stores };
    try {
      const { head, projections } = await this.projections.status();
      const ready = storage.writable && projections.every((p) => p.status !== 'failed');
      const notifications = this.config.notify ? { notifications: { parked: (await this.readModels.list(PARKED)).length } } : {};
      const followers = (this.followers?.list() ?? []).map((f) => ({ follower: f, status: { name: f.name, position: f.followedTo(), lag: Math.max(0, head - f.followedTo()) } }));
      const catchingUp = [
        ...projections.filter((p) => p.lag !== 0).map((p) => p.name),
        ...followers.filter(({ follower, status }) => status.lag > 0 || follower.settled?.() === false).map(({ status }) => status.name),
      ];
      return { status: ready ? 'ready' : 'unavailable', ...stores, head, projections, followers: followers.map((f) => f.status), catchingUp, ...notifications };
    } catch (e) {
      return { status: 'unavailable', ...stores, detail: (e as Error).message };
    }
  }
}

async function probe(call: () => Promise<unknown>): Promise<Probe> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`), { code: 'TIMEOUT' })), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([call(), late]);
    return { ok: true };
  } catch (error) {
    const e = error as Error & { code?: unknown };
    return { ok: false, error: { code: typeof e.code === 'string' ? e.code : e.name ?? 'Error', message: e.message ?? String(error) } };
  } finally {
    clearTimeout(timer);
  }
}
