import { Query } from '@nestjs/cqrs';
import type { AuditRead } from '@survey/domain';
import type { Actor } from '@survey/event-store';

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
