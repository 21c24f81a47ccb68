/**
 * What every process runs on: the configuration and the clock, the two stores (adapters picked
 * from configuration), aggregates loaded from the log, the sealer, and the working-day calendar's
 * loader; the registry of the processes that follow the log (readiness lists them).
 * Global, so that each feature module finds them; the root module of each process imports it once
 * with its configuration, and one of the projections modules (../projections/projections.module.ts).
 */
import { DynamicModule, Module } from '@nestjs/common';
import { EVENT_STORE } from '@survey/event-store';
import { READ_MODEL_STORE } from '@survey/read-models';
import { CalendarLoader } from '../calendar/calendar-loader';
import { APP_CONFIG, AppConfig } from '../config/config';
import { LogFollowers } from '../health/log-followers';
import { Sealer } from '../seals/sealer';
import { Aggregates } from './aggregates';
import { CLOCK, Clock, systemClock } from './clock';
import { CloseStores } from './close-stores';
import { runningMarkProvider } from './running-mark';
import { eventStoreProvider, readModelStoreProvider } from './stores';

@Module({})
export class RuntimeModule {
  static forRoot(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: RuntimeModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        runningMarkProvider,
        eventStoreProvider,
        readModelStoreProvider,
        CloseStores,
        Aggregates,
        Sealer,
        LogFollowers,
        { provide: CalendarLoader, useFactory: () => new CalendarLoader(process.env) },
      ],
      exports: [APP_CONFIG, CLOCK, EVENT_STORE, READ_MODEL_STORE, Aggregates, Sealer, LogFollowers, CalendarLoader],
    };
  }
}
