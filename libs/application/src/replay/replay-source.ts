/** Where a replay worker finds the log: the same store the process is configured with. */
import { join } from 'node:path';
import type { AppConfig } from '../config/config';

export type ReplaySource = { kind: 'sqlite'; file: string } | { kind: 'esdb'; url: string; namespace?: string };

export function replaySourceOf(config: AppConfig): ReplaySource {
  if (config.eventStoreUrl) return { kind: 'esdb', url: config.eventStoreUrl, namespace: config.namespace };
  return { kind: 'sqlite', file: join(config.dataDir, 'events.db') };
}
