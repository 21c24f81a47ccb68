/**
 * Which stores the e2e suite runs on: the embedded SQLite files by default, or EventStoreDB and/or
 * MongoDB when EVENTSTORE_URL / MONGODB_URL are set (`EVENTSTORE_URL=… MONGODB_URL=… npm run test:e2e`).
 * On shared servers every test app gets its own namespace (stream prefix, database suffix), derived
 * from its data directory, so test files never see each other's campaigns and an app restarted on
 * the same directory finds its own events again.
 */
import { createHash } from 'node:crypto';
import type { AppConfig } from '@survey/application';

const eventStoreUrl = process.env.EVENTSTORE_URL || undefined;
const mongoUrl = process.env.MONGODB_URL || undefined;

export const onProductionStores = Boolean(eventStoreUrl || mongoUrl);

export function storeConfig(dataDir: string): Partial<AppConfig> {
  if (!onProductionStores) return {};
  const namespace = `e2e-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`;
  return { eventStoreUrl, mongoUrl, namespace };
}

/**
 * A suite that inspects or kills the embedded stores' files. On production stores jest reports it
 * as skipped, the reason in its name, rather than as a passing test that says so.
 */
export function describeOnEmbeddedStores(name: string, suite: () => void): void {
  if (onProductionStores) describe.skip(`${name} — skipped: needs the embedded SQLite stores (EVENTSTORE_URL or MONGODB_URL is set)`, suite);
  else describe(name, suite);
}
