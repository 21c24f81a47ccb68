/** Backup and restore copy the embedded files; on EventStoreDB and MongoDB their own tools do it. */
import type { AppConfig } from '@survey/application';
import { UsageError } from '../conventions';

export function embeddedOnly(config: Pick<AppConfig, 'eventStoreUrl' | 'mongoUrl'>, command: 'backup' | 'restore'): void {
  const server = config.eventStoreUrl ? 'EVENTSTORE_URL' : config.mongoUrl ? 'MONGODB_URL' : null;
  if (server) {
    throw new UsageError(`${command} copies the embedded stores (DATA_DIR/events.db and read-models.db), and ${server} is set: use the server's own tools (docs/operations.md#backups-on-eventstoredb-and-mongodb), or unset it`);
  }
}
