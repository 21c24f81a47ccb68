/**
 * Recording and listing audit reads. Recording goes through the audit-log decider into the stream
 * of the current UTC day with an exact expected revision; this process's recordings are chained
 * one after another, so concurrent reads never race each other for the same revision (only another
 * process's can, and the usual retry handles that). A recording is durable before the read answers.
 */
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler, IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AuditRead, auditDay, auditLogDecider, parseAuditDay, streams } from '@survey/domain';
import { Actor, EVENT_STORE, EventStore } from '@survey/event-store';
import { Aggregates } from '../infrastructure/aggregates';
import type { CommandMeta } from '../infrastructure/command-meta';

export class RecordAuditReadCommand extends Command<void> {
  constructor(readonly data: AuditRead['data'], readonly meta: CommandMeta) {
    super();
  }
}

@CommandHandler(RecordAuditReadCommand)
export class RecordAuditReadHandler implements ICommandHandler<RecordAuditReadCommand> {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly aggregates: Aggregates) {}

  execute({ data, meta }: RecordAuditReadCommand): Promise<void> {
    const record = async () => {
      const stream = streams.auditReads(auditDay(this.aggregates.now()));
      await this.aggregates.execute(stream, auditLogDecider, { type: 'RecordAuditRead', data }, () => undefined, meta);
    };
    const done = this.tail.then(record, record);
    this.tail = done.catch(() => undefined);
    return done;
  }
}

export interface AuditReadRow {
  position: number;
  revision: number;
  at: string;
  by: Actor;
  via: AuditRead['data']['via'];
  what: string;
  request: string;
  status: number;
  correlationId: string;
}

export interface AuditReadsPage {
  date: string;
  reads: AuditReadRow[];
  /** Where the next page of this day starts (`from`), or null when this page reaches the day's last read so far. */
  next: { date: string; from: number } | null;
}

/** One page of a day's reads, oldest first: `from` is a revision in the day's stream. */
export class ListAuditReadsQuery extends Query<AuditReadsPage> {
  constructor(readonly date: string | undefined, readonly from: number, readonly limit: number) {
    super();
  }
}

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
