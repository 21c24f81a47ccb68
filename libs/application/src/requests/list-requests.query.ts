import { Query } from '@nestjs/cqrs';
import type { RequestObject, RequestStatus } from '@survey/domain';
import type { Principal } from '../auth/tokens';

/** A request's own statuses, and `open` (not closed or withdrawn) and `overdue` (a deadline passed with its step not done). */
export const REQUEST_QUEUE_STATUSES = ['received', 'dispatched', 'accepted', 'resolved', 'closed', 'returned', 'escalated', 'withdrawn', 'open', 'overdue'] as const;
export type RequestQueueStatus = (typeof REQUEST_QUEUE_STATUSES)[number];
export const isRequestStatus = (s: RequestQueueStatus): s is RequestStatus => s !== 'open' && s !== 'overdue';

export interface RequestFilter {
  status?: RequestQueueStatus;
  /** Requests that are or were dispatched to this agency. */
  agencyId?: string;
  category?: string;
  limit: number;
  /** The `next` of the previous page. */
  after?: string;
}

export interface RequestPage {
  requests: RequestObject[];
  /** Pass as `after` for the next page; null on the last. */
  next: string | null;
}

/** A queue of requests: the centre's (all), an agency's (dispatched to it), an enterprise's (its own). */
export class ListRequestsQuery extends Query<RequestPage> {
  constructor(readonly filter: RequestFilter, readonly who: Principal) {
    super();
  }
}
