/**
 * The queues' index, beside the `cases` and `request-queue` documents: one small entry per item
 * (case or request) and per queue it belongs in — everyone's (the centre's), an agency's, an
 * enterprise's — and whether it is still open or done, keyed `{bucket}/{scope}/{id}`. A queue
 * lists by id prefix only the entries of its buckets and scope, then reads and folds only the
 * documents they name: an agency's open cases, not the city's 20,000.
 *
 * Scopes hold user text (agency ids, credit codes), which may contain `/`: each is written with
 * its length first (`agency:3:a/b`), so that no scope's prefix is the start of another's.
 */
import type { DocAccess } from '../projection';

export type QueueBucket = 'open' | 'done';

export type QueueScope = { kind: 'all' } | { kind: 'agency'; agencyId: string } | { kind: 'enterprise'; creditCode: string };

/** What an entry says of its item, so that a queue can leave items out before reading them. */
export interface QueueEntry {
  [key: string]: unknown;
  id: string;
  /** The case's campaign (cases only). */
  campaignId?: string;
  /** The request's category (requests only). */
  category?: string;
}

export const ALL: QueueScope = { kind: 'all' };
export const agencyScope = (agencyId: string): QueueScope => ({ kind: 'agency', agencyId });
export const enterpriseScope = (creditCode: string): QueueScope => ({ kind: 'enterprise', creditCode });

function scopeKey(scope: QueueScope): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'agency':
      return `agency:${scope.agencyId.length}:${scope.agencyId}`;
    case 'enterprise':
      return `enterprise:${scope.creditCode.length}:${scope.creditCode}`;
  }
}

/** The id prefix of a queue's entries in one bucket. */
export const queuePrefix = (bucket: QueueBucket, scope: QueueScope): string => `${bucket}/${scopeKey(scope)}/`;

/** Files the item in its scopes' open queues. */
export function enqueue(docs: DocAccess, collection: string, scopes: readonly QueueScope[], entry: QueueEntry): void {
  for (const scope of scopes) docs.put(collection, queuePrefix('open', scope) + entry.id, entry);
}

/** Moves the item from its scopes' open queues to their done ones (again: nothing changes). */
export function markDone(docs: DocAccess, collection: string, scopes: readonly QueueScope[], entry: QueueEntry): void {
  for (const scope of scopes) {
    docs.delete(collection, queuePrefix('open', scope) + entry.id);
    docs.put(collection, queuePrefix('done', scope) + entry.id, entry);
  }
}
