import { Query } from '@nestjs/cqrs';
import type { CaseObject } from '@survey/domain';
import type { Principal } from '../auth/tokens';

export const CASE_QUEUE_STATUSES = ['open', 'overdue', 'closed'] as const;
export type CaseQueueStatus = (typeof CASE_QUEUE_STATUSES)[number];

export interface CaseFilter {
  campaignId?: string;
  agencyId?: string;
  status?: CaseQueueStatus;
  limit: number;
  /** The `next` of the previous page. */
  after?: string;
}

export interface CasePage {
  cases: CaseObject[];
  /** Pass as `after` for the next page; null on the last. */
  next: string | null;
}

/** A queue of cases: the centre's (all), an agency's (its own only). */
export class ListCasesQuery extends Query<CasePage> {
  constructor(readonly filter: CaseFilter, readonly who: Principal) {
    super();
  }
}
