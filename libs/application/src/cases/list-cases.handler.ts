/**
 * The case queues: overdue first, then by the next due date (open cases before closed ones), then
 * by case id, a page at a time. The cursor is the last case's place in that order, so a page
 * follows on from the previous one however many cases came in meanwhile. An agency reads its own
 * agency's cases only: asking for another agency's is a 403 (the route says whose they are).
 */
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { caseListItem, caseVisibleTo, Forbidden, Invalid, OpenedCase, pendingCaseDeadlines, followUpDue } from '@survey/domain';
import { loopActorOf } from '../auth/actor';
import { CaseReads, ReadableCase } from './case-reads';
import { CaseFilter, ListCasesQuery } from './list-cases.query';

type Place = [rank: number, due: string, caseId: string];

@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery> {
  constructor(private readonly reads: CaseReads) {}

  async execute({ filter, who }: ListCasesQuery) {
    const viewer = loopActorOf(who);
    if (viewer.role === 'agency' && filter.agencyId !== undefined && filter.agencyId !== viewer.agencyId) {
      throw new Forbidden(`an agency reads its own cases only (agency ${viewer.agencyId})`);
    }
    const after = filter.after === undefined ? undefined : cursorPlace(filter.after);
    const now = this.reads.now();
    const placed = (await this.reads.all())
      .filter(({ doc, record }) => matches(doc, filter) && caseVisibleTo(record.state, viewer) && hasStatus(record.state, filter, now))
      .map((c) => ({ c, place: placeOf(c, now) }))
      .filter(({ place }) => !after || compare(place, after) > 0)
      .sort((a, b) => compare(a.place, b.place));
    const page = placed.slice(0, filter.limit);
    const presented = await this.reads.present(page.map(({ c }) => c), viewer, now);
    const cases = presented.map((detail, i) => caseListItem(page[i].c.record, viewer, now, { agencyName: detail.agencyName, enterpriseName: detail.enterprise?.name ?? null }));
    const last = page[page.length - 1];
    return { cases, next: placed.length > filter.limit && last ? cursorOf(last.place) : null };
  }
}

const matches = (doc: ReadableCase['doc'], f: CaseFilter) =>
  (f.campaignId === undefined || doc.campaignId === f.campaignId) && (f.agencyId === undefined || doc.agencyId === f.agencyId);

const overdueAt = (s: OpenedCase, now: Date) => pendingCaseDeadlines(s).some((d) => Date.parse(d.due) <= now.getTime());

function hasStatus(s: OpenedCase, f: CaseFilter, now: Date): boolean {
  switch (f.status) {
    case undefined:
      return true;
    case 'open':
      return s.status !== 'closed';
    case 'closed':
      return s.status === 'closed';
    case 'overdue':
      return overdueAt(s, now);
  }
}

/** Overdue (0), open (1), closed (2); then the next deadline the case waits on (its rectification's once none is pending). */
function placeOf({ record }: ReadableCase, now: Date): Place {
  const s = record.state;
  const pending = pendingCaseDeadlines(s).map((d) => d.due).sort();
  const due = pending[0] ?? followUpDue(s) ?? s.rectifyDue;
  return [overdueAt(s, now) ? 0 : s.status === 'closed' ? 2 : 1, due, s.caseId];
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
