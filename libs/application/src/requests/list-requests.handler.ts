/**
 * The request queues: overdue first, then open ones by the next deadline they wait on, then the
 * finished ones (closed, withdrawn), then by request id, a page at a time (../runtime/queue-page.ts).
 * Only the requests the filter can keep are read: the queue index's entries of the reader's scope
 * (an agency's, an enterprise's, or everyone's for the centre) in the buckets the status needs, of
 * the category asked for. An agency reads the requests dispatched to it only: asking for another
 * agency's is a 403 (the route says whose they are); an enterprise reads its own.
 */
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FiledRequest, Forbidden, LoopActor, pendingRequestDeadlines, rateDue, requestListItem, requestVisibleTo } from '@survey/domain';
import { agencyScope, ALL, enterpriseScope, QueueBucket, QueueScope } from '@survey/read-models';
import { QUEUE_RANK, QueuePlace, cursorPlace, queuePage } from '../runtime/queue-page';
import { ListRequestsQuery, RequestFilter, isRequestStatus } from './list-requests.query';
import { ReadableRequest, requestActorOf, RequestReads } from './request-reads';

@QueryHandler(ListRequestsQuery)
export class ListRequestsHandler implements IQueryHandler<ListRequestsQuery> {
  constructor(private readonly reads: RequestReads) {}

  async execute({ filter, who }: ListRequestsQuery) {
    const viewer = requestActorOf(who);
    if (viewer.role === 'agency' && filter.agencyId !== undefined && filter.agencyId !== viewer.agencyId) {
      throw new Forbidden(`an agency reads the requests dispatched to it only (agency ${viewer.agencyId})`);
    }
    if (!['centre', 'agency', 'enterprise'].includes(viewer.role)) throw new Forbidden(`${viewer.role} does not read requests`);
    if (filter.after !== undefined) cursorPlace(filter.after);
    const candidates = await this.reads.queue(scopeOf(viewer, filter), bucketsFor(filter), (entry) => filter.category === undefined || entry.category === filter.category);
    const now = this.reads.now();
    const kept = candidates.filter(({ doc, record }) => matches(doc, filter) && requestVisibleTo(record.state, viewer) && hasStatus(record.state, filter, now));
    const { page, next } = queuePage(kept, (r) => placeOf(r, now), filter.limit, filter.after);
    const presented = await this.reads.present(page.map((r) => r.record), viewer, now);
    const requests = presented.map((detail, i) => requestListItem(page[i].record, viewer, now, { enterpriseName: detail.enterprise.name }));
    return { requests, next };
  }
}

/** The narrowest queue that holds every request the viewer may list under the filter. */
function scopeOf(viewer: LoopActor, f: RequestFilter): QueueScope {
  if (viewer.role === 'agency') return agencyScope(viewer.agencyId);
  if (viewer.role === 'enterprise') return enterpriseScope(viewer.sub);
  return f.agencyId === undefined ? ALL : agencyScope(f.agencyId);
}

/** Closed and withdrawn requests are in the done bucket; every other status in the open one. */
function bucketsFor(f: RequestFilter): QueueBucket[] {
  if (f.status === undefined) return ['open', 'done'];
  return f.status === 'closed' || f.status === 'withdrawn' ? ['done'] : ['open'];
}

const matches = (doc: ReadableRequest['doc'], f: RequestFilter) =>
  (f.agencyId === undefined || doc.agencies.includes(f.agencyId)) && (f.category === undefined || doc.category === f.category);

const overdueAt = (s: FiledRequest, now: Date) => pendingRequestDeadlines(s).some((d) => Date.parse(d.due) <= now.getTime());
const finished = (s: FiledRequest) => s.status === 'closed' || s.status === 'withdrawn';

function hasStatus(s: FiledRequest, f: RequestFilter, now: Date): boolean {
  if (f.status === undefined) return true;
  if (f.status === 'open') return !finished(s);
  if (f.status === 'overdue') return overdueAt(s, now);
  return isRequestStatus(f.status) && s.status === f.status;
}

/** Overdue, open, finished; then the next deadline it waits on (the rating's, else when it was received). */
function placeOf({ record }: ReadableRequest, now: Date): QueuePlace {
  const s = record.state;
  const pending = pendingRequestDeadlines(s).map((d) => d.due).sort();
  const due = pending[0] ?? rateDue(s) ?? record.receivedAt;
  return [overdueAt(s, now) ? QUEUE_RANK.overdue : finished(s) ? QUEUE_RANK.done : QUEUE_RANK.open, due, s.requestId];
}
