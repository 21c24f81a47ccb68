/**
 * The `request-queue` projection: one document per enterprise request (诉求) with what the request
 * folds from (its events, each with the role that took the step) and the fields its queues filter
 * on. As with the cases' projection, the events rather than a folded state are stored: the request's
 * rules stay in the domain (requestRecordOf), and the query presents it for its viewer at the moment
 * asked (what is overdue depends on the time).
 */
import type { RequestEvent } from '@survey/domain';
import type { RecordedEvent } from '@survey/event-store';
import { defineProjection } from '../projection';
import type { EventHandler } from '../projection';

export const REQUEST_QUEUE = 'request-queue';

export interface RequestDoc {
  [key: string]: unknown;
  requestId: string;
  creditCode: string;
  category: string;
  /** Every agency it was ever dispatched to (they may still read it), in dispatch order. */
  agencies: string[];
  /** The request's events in stream order, as the domain's requestRecordOf folds them. */
  events: { event: RequestEvent; actor: { role: string } }[];
}

const step: EventHandler<RecordedEvent & RequestEvent> = {
  reads: (event) => [[REQUEST_QUEUE, event.data.requestId]],
  apply(event, docs) {
    const entry = { event: { type: event.type, data: event.data } as RequestEvent, actor: { role: event.metadata.actor.role } };
    if (event.type === 'RequestReceived') {
      const { requestId, creditCode, category } = event.data;
      docs.put(REQUEST_QUEUE, requestId, { requestId, creditCode, category, agencies: [], events: [entry] } satisfies RequestDoc);
      return;
    }
    const doc = docs.get<RequestDoc>(REQUEST_QUEUE, event.data.requestId);
    if (!doc) return; // no request without its receipt: nothing to add to
    if (event.type === 'RequestDispatched' && !doc.agencies.includes(event.data.agencyId)) doc.agencies.push(event.data.agencyId);
    doc.events.push(entry);
    docs.put(REQUEST_QUEUE, doc.requestId, doc);
  },
};

export const requestQueueProjection = defineProjection({
  name: 'request-queue',
  collections: [REQUEST_QUEUE],
  on: {
    RequestReceived: step, RequestDispatched: step, RequestAccepted: step, RequestReturned: step, RequestExtensionAsked: step,
    RequestExtensionDecided: step, RequestResolved: step, ResolutionRated: step, RequestReopened: step, RequestEscalated: step,
    RequestWithdrawn: step, RequestDeadlineMissed: step, RequestClosed: step,
  },
});
