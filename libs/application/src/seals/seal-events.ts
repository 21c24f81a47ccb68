/** How the sealer writes a seal into the log and what it folds for an event that carries no hash. */
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { eventUpcasters } from '@survey/domain';
import { eventHash, GENESIS } from '@survey/event-store';
import type { NewEvent, RecordedEvent, Seal } from '@survey/event-store';

export function sealEvent(seal: Seal, now: Date): NewEvent {
  const correlationId = randomUUID();
  return {
    id: uuidv7(),
    type: 'LogSealed',
    data: seal,
    metadata: {
      schemaVersion: eventUpcasters.currentVersion('LogSealed'),
      recordedAt: now.toISOString(),
      actor: { role: 'system', sub: 'sealer' },
      correlationId,
      causationId: correlationId,
    },
  };
}

/**
 * Events an EventStoreDB log holds from before the chain have no hash and cannot get one (events
 * are immutable there): the seal folds a hash of their content as read, unchained.
 */
export function unchainedHash(e: RecordedEvent): string {
  return eventHash(GENESIS, { stream: e.stream, revision: e.revision, type: e.type, data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) });
}
