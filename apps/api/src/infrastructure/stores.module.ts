/**
 * Picks the adapters from configuration in one place (embedded SQLite files under DATA_DIR) and
 * runs the projector in-process. Stores close only after the HTTP server has drained
 * (onApplicationShutdown runs after Nest closes the server), so no acknowledged write is cut off.
 */
import { Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { EVENT_STORE, EventStore, SqliteEventStore } from '@survey/event-store';
import { Projector, READ_MODEL_STORE, ReadModelStore, reportsProjection, SqliteReadModelStore } from '@survey/read-models';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Aggregates } from './aggregates';

@Injectable()
export class Projections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  readonly all: Projector[];

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.all = [new Projector(events, readModels, reportsProjection, { onError: (e) => this.failed(e) })];
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.inProcessProjector) for (const p of this.all) await p.start();
  }

  /** Resolves once every projection has folded in everything appended before the call. */
  async catchUp(timeoutMs?: number): Promise<void> {
    const head = await this.events.headPosition();
    await Promise.all(this.all.map((p) => p.waitFor(head, timeoutMs)));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const p of this.all) await p.stop();
    await this.events.close();
    await this.readModels.close();
  }

  private failed(error: unknown): void {
    this.logger.error(`projection stopped: ${error instanceof Error ? error.stack : String(error)}; restarting in 1 s`);
    setTimeout(() => void this.all.forEach((p) => p.error && p.start()), 1000).unref();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => SqliteEventStore.open(join(config.dataDir, 'events.db')),
    },
    {
      provide: READ_MODEL_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => SqliteReadModelStore.open(join(config.dataDir, 'read-models.db')),
    },
    Aggregates,
    Projections,
  ],
  exports: [EVENT_STORE, READ_MODEL_STORE, Aggregates, Projections],
})
export class StoresModule {}
