/**
 * The request queues: overdue first, then open ones by the next deadline they wait on, then the
 * finished ones (closed, withdrawn), then by request id, a page at a time. The cursor is the last
 * request's place in that order, so a page follows on from the previous one however many requests
 * came in meanwhile. An agency reads the requests dispatched to it only: asking for another
 * agency's is a 403 (the route says whose they are); an enterprise reads its own.
 */
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FiledRequest, Forbidden, Invalid, pendingRequestDeadlines, rateDue, requestListItem, requestVisibleTo } from '@survey/domain';
import { ListRequestsQuery, RequestFilter, isRequestStatus } from './list-requests.query';
import { ReadableRequest, requestActorOf, RequestReads } from './request-reads';

type Place = [rank: number, due: string, requestId: string];

@QueryHandler(ListRequestsQuery)
export class ListRequestsHandler implements IQueryHandler<ListRequestsQuery> {
  constructor(private readonly reads: RequestReads) {}

  async execute({ filter, who }: ListRequestsQuery) {
    const viewer = requestActorOf(who);
    if (viewer.role === 'agency' && filter.agencyId !== undefined && filter.agencyId !== viewer.agencyId) {
      throw new Forbidden(`an agency reads the requests dispatched to it only (agency ${viewer.agencyId})`);
    }
    if (!['centre', 'agency', 'enterprise'].includes(viewer.role)) throw new Forbidden(`${viewer.role} does not read requests`);
    const after = filter.after === undefined ? undefined : cursorPlace(filter.after);
    const now = this.reads.now();
    const placed = (await this.reads.all())
      .filter(({ doc, record }) => matches(doc, filter) && requestVisibleTo(record.state, viewer) && hasStatus(record.state, filter, now))
      .map((r) => ({ r, place: placeOf(r, now) }))
      .filter(({ place }) => !after || compare(place, after) > 0)
      .sort((a, b) => compare(a.place, b.place));
    const page = placed.slice(0, filter.limit);
    const presented = await this.reads.present(page.map(({ r }) => r.record), viewer, now);
    const requests = presented.map((detail, i) => requestListItem(page[i].r.record, viewer, now, { enterpriseName: detail.enterprise.name }));
    const last = page[page.length - 1];
    return { requests, next: placed.length > filter.limit && last ? cursorOf(last.place) : null };
  }
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

/** Overdue (0), open (1), finished (2); then the next deadline it waits on (the rating's, else when it was received). */
function placeOf({ record }: ReadableRequest, now: Date): Place {
  const s = record.state;
  const pending = pendingRequestDeadlines(s).map((d) => d.due).sort();
  const due = pending[0] ?? rateDue(s) ?? record.receivedAt;
  return [overdueAt(s, now) ? 0 : finished(s) ? 2 : 1, due, s.requestId];
}

function compare(a: Place, b: Place): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

const cursorOf = (place: Place) => Buffer.from(JSON.stringify(place)).toString('base64url');

function cursorPlace(cursor: string): Place {
  try {
    const place: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(place) && place.length === 3 && typeof place[0] === 'number' && typeof place[1] === 'string' && typeof place[2] === 'string') {
      return place as Place;
    }
  } catch {
    // a cursor that is not ours: the same answer as a well-formed one of the wrong shape
  }
  throw Invalid.because('bad query parameter', [{ field: 'after', message: 'must be the `next` of a previous page' }]);
}
