/** Builders for the EventStore contract: events with valid metadata, and small test helpers. */
import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '../event-store.port';

export function anEvent(type = 'Tested', data: unknown = { n: 1 }): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      schemaVersion: 1,
      recordedAt: new Date().toISOString(),
      actor: { role: 'system', sub: 'contract-test' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  };
}

export async function collect(events: Promise<RecordedEvent[]>): Promise<string[]> {
  return (await events).map((e) => e.id);
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets timers and I/O run, so something that should not happen has had its chance to. */
export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
