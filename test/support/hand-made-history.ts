/**
 * Hand-made histories of requests and of the agency directory, appended to a test app's own event
 * store as the request routes and the directory append them (one stream per request or agency, in
 * order, an actor in the metadata), then folded by its projector: for suites that need a past no
 * route would let them write (test/request-reports.e2e-spec.ts, test/rectification-pages.e2e-spec.ts).
 * A suite whose app runs the deadline scheduler stops it first (it would record a hand-made past's
 * deadlines missed today).
 */
import { randomUUID } from 'node:crypto';
import { AgencyEvent, RequestEvent, streams } from '@survey/domain';
import { caseEvents } from '@survey/domain/testing';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import type { TestApp } from './app';

/** Appends the events, each on its request's or agency's stream, and waits until the app has folded them. */
export async function appendHistory(t: TestApp, events: (RequestEvent | AgencyEvent)[]): Promise<void> {
  const store = t.app.get<EventStore>(EVENT_STORE);
  for (const e of events) {
    const metadata = { schemaVersion: 1, recordedAt: e.data.at, actor: { role: 'system' as const, sub: 'spec' }, correlationId: randomUUID(), causationId: randomUUID() };
    const stream = 'requestId' in e.data ? streams.request(e.data.requestId) : streams.agency(e.data.agencyId);
    await store.append(stream, [{ id: randomUUID(), type: e.type, data: e.data, metadata }], 'any');
  }
  await t.settle();
}

/** An agency registered in the directory before the hand-made histories begin (December 2019). */
export const agencyRegistered = (agencyId: string, name: string): AgencyEvent =>
  ({ type: 'AgencyRegistered', data: { agencyId, name, at: caseEvents.local('2019-12-01 09:00') } });
