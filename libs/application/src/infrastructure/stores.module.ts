/**
 * Picks the adapters from configuration in one place: embedded SQLite files under DATA_DIR.
 * Stores close in Projections.onApplicationShutdown, which Nest runs after the HTTP server has
 * drained, so no acknowledged write is cut off.
 */
import { Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { EVENT_STORE, SqliteEventStore } from '@survey/event-store';
import { READ_MODEL_STORE, SqliteReadModelStore } from '@survey/read-models';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Aggregates } from './aggregates';
import { Projections } from './projections';

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
