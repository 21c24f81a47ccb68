/**
 * Folding a projection the way the projector does, for projection specs: each event's documents
 * are fetched as JSON (a store's copy, so a projection that forgets to put a change loses it), and
 * reading a document the event did not name in reads() is an error, since the projector would not
 * have fetched it. Events of the survey and of the closed loop get envelopes as a log gives them.
 */
import { randomUUID } from 'node:crypto';
import { streams } from '@survey/domain';
import type { ClosedLoopEvent, SurveyEvent } from '@survey/domain';
import type { RecordedEvent } from '@survey/event-store';
import { recordedAtOf, streamOf } from '@survey/event-store/testing';
import type { DocAccess, Projection } from '../projection';
import type { Doc } from '../read-model-store.port';

/** The stream a survey or closed-loop event is appended to. */
export function loopStreamOf(event: SurveyEvent | ClosedLoopEvent): string {
  if ('caseId' in event.data) return streams.rectification(event.data.caseId);
  if ('requestId' in event.data) return streams.request(event.data.requestId);
  if (event.type === 'AgencyRegistered' || event.type === 'AgencyRenamed') return streams.agency(event.data.agencyId);
  return streamOf(event as SurveyEvent);
}

/** The events as a log would hand them out: positions from 1, revisions per stream, one minute apart. */
export function recordedLoop(events: readonly (SurveyEvent | ClosedLoopEvent)[]): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return events.map((event, i) => {
    const stream = loopStreamOf(event);
    const revision = revisions.get(stream) ?? 0;
    revisions.set(stream, revision + 1);
    const metadata = { schemaVersion: 1, recordedAt: recordedAtOf(i), actor: { role: 'system' as const, sub: 'spec' }, correlationId: randomUUID(), causationId: randomUUID() };
    return { id: randomUUID(), type: event.type, data: event.data, metadata, stream, revision, position: i + 1 };
  });
}

/** Every document the projection holds after the events, keyed `collection|id`. */
export function foldAsStored(projection: Projection, events: readonly RecordedEvent[]): Map<string, Doc> {
  const stored = new Map<string, string>();
  for (const event of events) {
    const declared = new Set(projection.reads(event).map(([c, id]) => `${c}|${id}`));
    const open = new Map<string, Doc | null>();
    const access: DocAccess = {
      get: <T extends Doc>(c: string, id: string) => {
        const key = `${c}|${id}`;
        if (!declared.has(key) && !open.has(key)) throw new Error(`${event.type} read ${key} without naming it in reads()`);
        if (!open.has(key)) open.set(key, stored.has(key) ? (JSON.parse(stored.get(key)!) as Doc) : null);
        return (open.get(key) ?? undefined) as T | undefined;
      },
      put: (c, id, doc) => void open.set(`${c}|${id}`, doc),
      delete: (c, id) => void open.set(`${c}|${id}`, null),
    };
    projection.apply(event, access);
    for (const [key, doc] of open) {
      if (doc) stored.set(key, JSON.stringify(doc));
      else stored.delete(key);
    }
  }
  return new Map([...stored].map(([k, v]) => [k, JSON.parse(v) as Doc]));
}
