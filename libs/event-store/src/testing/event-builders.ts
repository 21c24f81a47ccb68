/**
 * Events in their envelopes, for the specs and suites that talk to an event store or fold what one
 * hands out: anEvent (any type, valid metadata), toNew (a survey event as a NewEvent, its server
 * time one minute after the previous one), recorded (as a log would hand them out). The events
 * themselves come from @survey/domain/testing's builders.
 */
import { randomUUID } from 'node:crypto';
import { streams } from '@survey/domain';
import type { SurveyEvent } from '@survey/domain';
import type { NewEvent, RecordedEvent } from '../event-store.port';

const metadata = (recordedAt: string): NewEvent['metadata'] => ({
  schemaVersion: 1,
  recordedAt,
  actor: { role: 'system', sub: 'spec' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
});

export function anEvent(type = 'Tested', data: unknown = { n: 1 }): NewEvent {
  return { id: randomUUID(), type, data, metadata: metadata(new Date().toISOString()) };
}

export async function collect(events: Promise<RecordedEvent[]>): Promise<string[]> {
  return (await events).map((e) => e.id);
}

/** The stream a survey event is appended to. */
export function streamOf(event: SurveyEvent): string {
  if (event.type === 'InvitationsIssued' || event.type === 'InvitationRevoked') return streams.invitations(event.data.campaignId);
  if ('creditCode' in event.data && 'campaignId' in event.data) return streams.ballot(event.data.campaignId, event.data.creditCode);
  if ('campaignId' in event.data) return streams.campaign(event.data.campaignId);
  return streams.enterprise(event.data.creditCode);
}

/** A distinct, increasing server time per event: one minute apart from 2019-11-15 08:00 UTC. */
export const recordedAtOf = (index: number) => new Date(Date.UTC(2019, 10, 15, 8) + index * 60_000).toISOString();

/** The `index`-th event of a spec's log, recorded at recordedAtOf(index). */
export function toNew(event: SurveyEvent, index: number): NewEvent {
  return { id: randomUUID(), type: event.type, data: event.data, metadata: metadata(recordedAtOf(index)) };
}

/** The events as a log would hand them out: positions from 1, revisions per stream. */
export function recorded(events: SurveyEvent[]): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return events.map((event, i) => {
    const stream = streamOf(event);
    const revision = revisions.get(stream) ?? 0;
    revisions.set(stream, revision + 1);
    return { ...toNew(event, i), stream, revision, position: i + 1 };
  });
}
