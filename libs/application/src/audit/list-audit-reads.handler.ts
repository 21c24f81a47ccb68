import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuditRead, auditDay, parseAuditDay, streams } from '@survey/domain';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { Aggregates } from '../runtime/aggregates';
import { AuditReadsPage, ListAuditReadsQuery } from './list-audit-reads.query';

@QueryHandler(ListAuditReadsQuery)
export class ListAuditReadsHandler implements IQueryHandler<ListAuditReadsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly aggregates: Aggregates) {}

  async execute({ date, from, limit }: ListAuditReadsQuery): Promise<AuditReadsPage> {
    const day = date === undefined ? auditDay(this.aggregates.now()) : parseAuditDay(date);
    const events = await this.store.readStream(streams.auditReads(day), from);
    const page = events.slice(0, limit);
    const reads = page.map((e) => {
      const data = (e as unknown as AuditRead).data;
      return {
        position: e.position, revision: e.revision, at: e.metadata.recordedAt, by: e.metadata.actor,
        via: data.via, what: data.what, request: data.request, status: data.status, correlationId: e.metadata.correlationId,
      };
    });
    const next = events.length > limit ? { date: day, from: page[page.length - 1].revision + 1 } : null;
    return { date: day, reads, next };
  }
}
