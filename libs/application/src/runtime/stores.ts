/**
 * Picks the adapters from configuration in one place: EventStoreDB when EVENTSTORE_URL is set and
 * MongoDB when MONGODB_URL is, else the embedded SQLite files under DATA_DIR.
 * Stores close in CloseStores.onApplicationShutdown (./close-stores.ts), which Nest runs after the
 * HTTP server has drained, so no acknowledged write is cut off.
 */
import { FactoryProvider, Logger } from '@nestjs/common';
import { join } from 'node:path';
import { eventUpcasters } from '@survey/domain';
import { EsdbEventStore, EVENT_STORE, SqliteEventStore, StorageStatus, withUpcasting } from '@survey/event-store';
import { MongoReadModelStore, READ_MODEL_STORE, SqliteReadModelStore } from '@survey/read-models';
import { APP_CONFIG, AppConfig, ConfigError } from '../config/config';
import { MetricsService } from '../observability/metrics.service';
import { RUNNING_MARK } from './running-mark';

/**
 * Connects and makes one cheap call ($all's last event: it needs the server and the right to read
 * $all, and costs the same however large the log), so an unusable EVENTSTORE_URL stops start-up
 * with one line. In docker/compose.yml the apps wait for the server's health and restart on failure.
 */
async function connectEsdb(url: string, namespace: string | undefined): Promise<EsdbEventStore> {
  let store: EsdbEventStore | undefined;
  try {
    store = EsdbEventStore.connect(url, { namespace, log: (line) => storageLogger.warn(line) });
    await Promise.race([store.probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 10 s')), 10_000).unref())]);
    return store;
  } catch (error) {
    await store?.close().catch(() => undefined);
    throw new ConfigError('EVENTSTORE_URL', `cannot be used (${url.replace(/\/\/[^@/]*@/, '//***@')}): ${(error as Error).message.split('\n')[0]}`);
  }
}

const storageLogger = new Logger('EventStore');
const readModelLogger = new Logger('ReadModelStore');
function logStorageChange(status: StorageStatus): void {
  if (status.writable) storageLogger.warn('events.db can be written again: appends are accepted');
  else storageLogger.error(`events.db cannot be written (${status.error.code}): appends answer 503 until it can; ${status.error.message}`);
}

/** The SQLite log's storage changes are logged, and with metrics on, measured with its commits. */
function sqliteObservers(metrics: MetricsService | undefined) {
  const onMigrated = (line: string) => storageLogger.warn(line);
  // Another process (apps/projector beside the API, the CLI) held the write lock long.
  const onLockWait = (line: string) => storageLogger.warn(line);
  if (!metrics?.enabled) return { onStorageChange: logStorageChange, onMigrated, onLockWait };
  return {
    onMigrated,
    onLockWait,
    onStorageChange: (status: StorageStatus) => {
      metrics.storageWritable(status.writable);
      logStorageChange(status);
    },
    onCommit: (appends: number, seconds: number, ok: boolean) => metrics.commit(appends, seconds, ok),
  };
}

export const eventStoreProvider: FactoryProvider = {
  provide: EVENT_STORE,
  // The running mark is injected so that it is written before the stores open.
  inject: [APP_CONFIG, RUNNING_MARK, { token: MetricsService, optional: true }],
  useFactory: async (config: AppConfig, _mark: unknown, metrics?: MetricsService) =>
    withUpcasting(
      config.eventStoreUrl
        ? await connectEsdb(config.eventStoreUrl, config.namespace)
        : SqliteEventStore.open(join(config.dataDir, 'events.db'), sqliteObservers(metrics)),
      eventUpcasters,
    ),
};

export const readModelStoreProvider: FactoryProvider = {
  provide: READ_MODEL_STORE,
  inject: [APP_CONFIG, RUNNING_MARK],
  useFactory: (config: AppConfig) =>
    config.mongoUrl
      ? MongoReadModelStore.connect(config.mongoUrl, { namespace: config.namespace })
      : SqliteReadModelStore.open(join(config.dataDir, 'read-models.db'), { onLockWait: (line) => readModelLogger.warn(line) }),
};
