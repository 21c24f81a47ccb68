/**
 * The hash chain on EventStoreDB, which has no column for it: each event's hash travels in its
 * metadata under CHAIN_KEY, added after the hash is computed over the metadata as given (so the
 * hash covers the same bytes as on SQLite: the JSON.stringify text of data and of metadata), and
 * taken out again on read, so the application sees metadata exactly as it wrote it. Pure.
 */
import type { SerializedEvent } from '../append-request';
import { eventHash } from '../chain/event-hash';
import type { EventMetadata } from '../event-store.port';

export const CHAIN_KEY = 'chainHash';

export interface ChainedEvent {
  id: string;
  type: string;
  data: unknown;
  /** The metadata as given, with CHAIN_KEY last. */
  metadata: Record<string, unknown>;
  hash: string;
}

/** Chains serialised events from `previous` (the hash of the stream's event before `firstRevision`, '' for none). */
export function chainEvents(stream: string, firstRevision: number, previous: string, events: SerializedEvent[]): ChainedEvent[] {
  let hash = previous;
  return events.map((e, i) => {
    hash = eventHash(hash, { stream, revision: firstRevision + i, type: e.type, data: e.data, metadata: e.metadata });
    const metadata = JSON.parse(e.metadata) as Record<string, unknown>;
    return { id: e.id, type: e.type, data: JSON.parse(e.data) as unknown, metadata: { ...metadata, [CHAIN_KEY]: hash }, hash };
  });
}

/** The metadata as the application wrote it, and the hash stored beside it (undefined if none). */
export function splitChain(metadata: EventMetadata): { metadata: EventMetadata; hash?: string } {
  const { [CHAIN_KEY]: hash, ...rest } = metadata as EventMetadata & { [CHAIN_KEY]?: unknown };
  return typeof hash === 'string' ? { metadata: rest as EventMetadata, hash } : { metadata };
}

/** A small memory of each stream's last known event, so an append needs no read to chain on. */
export class LastHashes {
  private readonly known = new Map<string, { revision: number; hash: string }>();
  constructor(private readonly limit = 100_000) {}

  /** The hash of the event at `revision`, when it is the last one this process knows of in the stream. */
  at(stream: string, revision: number): string | undefined {
    const last = this.known.get(stream);
    return last?.revision === revision ? last.hash : undefined;
  }

  remember(stream: string, revision: number, hash: string): void {
    const last = this.known.get(stream);
    if (last && last.revision >= revision) return;
    if (this.known.size >= this.limit) this.known.clear();
    this.known.set(stream, { revision, hash });
  }
}
