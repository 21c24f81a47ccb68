/**
 * The sealing process: follows the log in global order and appends a LogSealed to `audit-seals`
 * with the rolling hash of the whole log up to a position, every SEAL_EVERY_EVENTS events, after
 * SEAL_EVERY_MS with unsealed events, right after each ResultsPublished, and on demand
 * (`sealNow()`, which publishing can call so that the published figures cite a seal). It follows the
 * log wherever the projections run (../projections/projections.module.ts: in-process by default,
 * else in apps/projector); `sealNow()` works in any process, since every seal is appended
 * at the exact revision after the last one it read: two sealers cannot both extend the same seal,
 * and the loser re-reads and carries on from the winner's seal.
 */
import { BeforeApplicationShutdown, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { SEALS_STREAM, WrongExpectedRevision } from '@survey/domain';
import { emptySealState, EVENT_STORE, EventStore, foldEvent, RecordedEvent, Seal, sealOf, SealState, stateAfter, Subscription } from '@survey/event-store';
import { LogFollowers } from '../health/log-followers';
import { CLOCK, Clock } from '../runtime/clock';
import { sealEvent, unchainedHash } from './seal-events';

export const SEAL_EVERY_EVENTS = 1000;
export const SEAL_EVERY_MS = 60_000;
// Small pages: catching up on a long log must not hold the event loop for long between requests.
const PAGE = 250;

export interface SealerOptions {
  everyEvents: number;
  everyMs: number;
}

@Injectable()
export class Sealer implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Sealer');
  private state: SealState = emptySealState();
  /** Revision of the last seal in `audit-seals` (-1: none yet), and that seal. */
  private sealRevision = -1;
  private lastSeal: Seal | null = null;
  /** Events folded since the last seal that are not seals themselves: seals alone call for no new seal. */
  private unsealed = 0;
  private lastSealedAtMs = Date.now();
  private loaded = false;
  private queue: Promise<unknown> = Promise.resolve();
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  options: SealerOptions = { everyEvents: SEAL_EVERY_EVENTS, everyMs: SEAL_EVERY_MS };

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly followers?: LogFollowers,
  ) {}

  /** Follows the log from the last seal on. */
  async start(): Promise<void> {
    this.followers?.add({ name: 'sealer', followedTo: () => this.state.position });
    await this.serially(() => this.load());
    this.subscription = this.events.subscribeToAll(
      { after: this.state.position, batchSize: PAGE, hashes: true },
      (batch) => this.serially(() => this.fold(batch)),
      (error) => this.failed(error),
    );
    this.timer = setInterval(() => {
      void this.serially(async () => {
        if (this.unsealed > 0 && Date.now() - this.lastSealedAtMs >= this.options.everyMs) await this.seal();
      }).catch((error: unknown) => this.logger.error(`timed seal failed: ${String(error)}`));
    }, Math.min(this.options.everyMs, 1000));
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.subscription?.stop();
    await this.queue.catch(() => undefined);
  }

  /** Like the projections: log, and start again from the last seal a second later. */
  private failed(error: unknown): void {
    this.logger.error(`sealing stopped: ${error instanceof Error ? error.message : String(error)}; restarting in 1 s`);
    clearInterval(this.timer);
    this.subscription = undefined;
    this.loaded = false;
    setTimeout(() => {
      if (!this.stopped) this.start().catch((e: unknown) => this.failed(e));
    }, 1000).unref();
  }

  /**
   * Seals the whole log as it stands now and returns that seal; when nothing but seals was appended
   * since the last one, returns the last one (it already covers every other event).
   */
  sealNow(): Promise<Seal> {
    return this.serially(async () => {
      // Seals another process appended since (apps/projector's, when this is an API process) save
      // folding what they already cover.
      await this.load(this.loaded ? this.sealRevision + 1 : 0);
      await this.advanceTo(await this.events.headPosition());
      if (this.unsealed === 0 && this.lastSeal) return this.lastSeal;
      return this.seal();
    });
  }

  /** The last seal this process knows of (reads `audit-seals` once if it has not yet). */
  latestSeal(): Promise<Seal | null> {
    return this.serially(async () => {
      if (!this.loaded) await this.load();
      return this.lastSeal;
    });
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** State from the last seal in the stream (read from `fromRevision` on, the earlier ones being known). */
  private async load(fromRevision = 0): Promise<boolean> {
    const seals = await this.events.readStream(SEALS_STREAM, fromRevision);
    const last = seals[seals.length - 1];
    if (last) {
      this.lastSeal = last.data as Seal;
      this.sealRevision = last.revision;
      this.state = stateAfter(this.lastSeal);
      this.unsealed = 0;
      this.lastSealedAtMs = Date.now();
    }
    this.loaded = true;
    return last !== undefined;
  }

  private async fold(batch: RecordedEvent[]): Promise<void> {
    for (const event of batch) {
      if (event.position <= this.state.position) continue; // already folded by sealNow or a resync
      foldEvent(this.state, event.position, event.hash ?? unchainedHash(event));
      if (event.stream !== SEALS_STREAM) this.unsealed += 1;
      // A publication is sealed at once, so that the seal right after it covers the figures' event.
      if (this.state.digests.length >= this.options.everyEvents || event.type === 'ResultsPublished') await this.seal();
    }
  }

  private async advanceTo(head: number): Promise<void> {
    while (this.state.position < head) {
      const page = await this.events.readAll(this.state.position, PAGE, { hashes: true });
      if (page.length === 0) return;
      await this.fold(page.filter((e) => e.position <= head));
      if (page[page.length - 1].position >= head) return;
    }
  }

  private async seal(): Promise<Seal> {
    for (;;) {
      const seal = sealOf(this.state, this.clock.now().toISOString());
      const expected = this.sealRevision < 0 ? 'no_stream' : this.sealRevision;
      try {
        const result = await this.events.append(SEALS_STREAM, [sealEvent(seal, this.clock.now())], expected);
        this.sealRevision = result.revision;
        this.lastSeal = seal;
        this.state = stateAfter(seal);
        this.unsealed = 0;
        this.lastSealedAtMs = Date.now();
        return seal;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        // Another sealer got there first: continue from its seal, up to where this one had read.
        const reached = this.state.position;
        if (!(await this.load(this.sealRevision + 1))) throw error;
        await this.advanceTo(reached);
        if (this.unsealed === 0 && this.lastSeal) return this.lastSeal;
      }
    }
  }
}
