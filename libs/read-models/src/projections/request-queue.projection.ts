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
import { agencyScope, ALL, enqueue, enterpriseScope, markDone, QueueEntry, QueueScope } from './queue-index';

export const REQUEST_QUEUE = 'request-queue';
/** The requests' queue index (./queue-index.ts): everyone's, the enterprise's and each agency's it was dispatched to. */
export const REQUEST_QUEUES = 'request-queues';

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
      const doc: RequestDoc = { requestId, creditCode, category, agencies: [], events: [entry] };
      docs.put(REQUEST_QUEUE, requestId, doc);
      enqueue(docs, REQUEST_QUEUES, scopesOf(doc), queueEntry(doc));
      return;
    }
    const doc = docs.get<RequestDoc>(REQUEST_QUEUE, event.data.requestId);
    if (!doc) return; // no request without its receipt: nothing to add to
    if (event.type === 'RequestDispatched' && !doc.agencies.includes(event.data.agencyId)) {
      doc.agencies.push(event.data.agencyId);
      // Dispatched only while open: the agency's open queue.
      enqueue(docs, REQUEST_QUEUES, [agencyScope(event.data.agencyId)], queueEntry(doc));
    }
    doc.events.push(entry);
    docs.put(REQUEST_QUEUE, doc.requestId, doc);
    // Withdrawn or closed, it is done for good (any step on it is refused).
    if (event.type === 'RequestWithdrawn' || event.type === 'RequestClosed') markDone(docs, REQUEST_QUEUES, scopesOf(doc), queueEntry(doc));
  },
};

/** Everyone's queue, the enterprise's and that of every agency it was ever dispatched to (they may still read it). */
const scopesOf = (doc: RequestDoc): QueueScope[] => [ALL, enterpriseScope(doc.creditCode), ...doc.agencies.map(agencyScope)];
const queueEntry = ({ requestId, category }: RequestDoc): QueueEntry => ({ id: requestId, category });

export const requestQueueProjection = defineProjection({
  name: 'request-queue',
  collections: [REQUEST_QUEUE, REQUEST_QUEUES],
  on: {
    RequestReceived: step, RequestDispatched: step, RequestAccepted: step, RequestReturned: step, RequestExtensionAsked: step,
    RequestExtensionDecided: step, RequestResolved: step, ResolutionRated: step, RequestReopened: step, RequestEscalated: step,
    RequestWithdrawn: step, RequestDeadlineMissed: step, RequestClosed: step,
  },
});
