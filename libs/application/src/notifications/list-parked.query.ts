import { Query } from '@nestjs/cqrs';
import type { NoticeBody } from './notice';

export interface ParkedRow {
  key: string;
  kind: string;
  subject: { type: string; id: string };
  tries: number;
  lastError: string;
  parkedAt: string;
  /** The notice as it was sent (and will be again on a retry). */
  notice: NoticeBody;
}

export interface ParkedPage {
  parked: ParkedRow[];
  /** The `after` of the next page, or null on the last. */
  next: string | null;
}

/** The parked notices in key order, a page at a time. */
export class ListParkedQuery extends Query<ParkedPage> {
  constructor(readonly after: string | null, readonly limit: number) {
    super();
  }
}
