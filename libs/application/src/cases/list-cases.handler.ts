/**
 * The case queues: overdue first, then by the next due date (open cases before closed ones), then
 * by case id, a page at a time (../runtime/queue-page.ts). Only the cases the filter can keep are
 * read: the queue index's entries of the agency asked for (or everyone's) in the buckets the
 * status needs, of the campaign asked for. An agency reads its own agency's cases only: asking for
 * another agency's is a 403 (the route says whose they are).
 */
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { caseListItem, caseVisibleTo, Forbidden, OpenedCase, pendingCaseDeadlines, followUpDue } from '@survey/domain';
import { agencyScope, ALL, QueueBucket, QueueScope } from '@survey/read-models';
import { loopActorOf } from '../auth/actor';
import { QUEUE_RANK, QueuePlace, cursorPlace, queuePage } from '../runtime/queue-page';
import { CaseReads, ReadableCase } from './case-reads';
import { CaseFilter, ListCasesQuery } from './list-cases.query';

@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery> {
  constructor(private readonly reads: CaseReads) {}

  async execute({ filter, who }: ListCasesQuery) {
    const viewer = loopActorOf(who);
    if (viewer.role === 'agency' && filter.agencyId !== undefined && filter.agencyId !== viewer.agencyId) {
      throw new Forbidden(`an agency reads its own cases only (agency ${viewer.agencyId})`);
    }
    if (filter.after !== undefined) cursorPlace(filter.after);
    const agencyId = viewer.role === 'agency' ? viewer.agencyId : filter.agencyId;
    const scope: QueueScope = agencyId === undefined ? ALL : agencyScope(agencyId);
    const candidates = await this.reads.queue(scope, bucketsFor(filter), (entry) => filter.campaignId === undefined || entry.campaignId === filter.campaignId);
    const now = this.reads.now();
    const kept = candidates.filter(({ doc, record }) => matches(doc, filter) && caseVisibleTo(record.state, viewer) && hasStatus(record.state, filter, now));
    const { page, next } = queuePage(kept, (c) => placeOf(c, now), filter.limit, filter.after);
    const presented = await this.reads.present(page, viewer, now);
    const cases = presented.map((detail, i) => caseListItem(page[i].record, viewer, now, { agencyName: detail.agencyName, enterpriseName: detail.enterprise?.name ?? null }));
    return { cases, next };
  }
}

/** Open and overdue cases are in the open bucket; closed ones in the done one. */
function bucketsFor(f: CaseFilter): QueueBucket[] {
  if (f.status === undefined) return ['open', 'done'];
  return f.status === 'closed' ? ['done'] : ['open'];
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

/** Overdue, open, closed; then the next deadline the case waits on (its rectification's once none is pending). */
function placeOf({ record }: ReadableCase, now: Date): QueuePlace {
  const s = record.state;
  const pending = pendingCaseDeadlines(s).map((d) => d.due).sort();
  const due = pending[0] ?? followUpDue(s) ?? s.rectifyDue;
  return [overdueAt(s, now) ? QUEUE_RANK.overdue : s.status === 'closed' ? QUEUE_RANK.done : QUEUE_RANK.open, due, s.caseId];
}
