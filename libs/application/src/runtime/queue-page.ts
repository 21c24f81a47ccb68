/**
 * A page of a work queue (the cases', the requests'), in one order: overdue first (rank 0), then
 * open (1), then done (2); within a rank by the next due date, then by id. The cursor is the last
 * item's place in that order, so a page follows on from the previous one however many items came
 * in meanwhile.
 */
import { Invalid } from '@survey/domain';

export type QueuePlace = [rank: number, due: string, id: string];

export const QUEUE_RANK = { overdue: 0, open: 1, done: 2 } as const;

export interface QueuePage<T> {
  page: T[];
  /** The cursor of the next page; null on the last. */
  next: string | null;
}

/** The items after the cursor (`after`, from a previous page's `next`), in queue order, `limit` of them. */
export function queuePage<T>(items: readonly T[], placeOf: (item: T) => QueuePlace, limit: number, after: string | undefined): QueuePage<T> {
  const from = after === undefined ? undefined : cursorPlace(after);
  const placed = items
    .map((item) => ({ item, place: placeOf(item) }))
    .filter(({ place }) => !from || compare(place, from) > 0)
    .sort((a, b) => compare(a.place, b.place));
  const page = placed.slice(0, limit);
  const last = page[page.length - 1];
  return { page: page.map(({ item }) => item), next: placed.length > limit && last ? cursorOf(last.place) : null };
}

function compare(a: QueuePlace, b: QueuePlace): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

const cursorOf = (place: QueuePlace) => Buffer.from(JSON.stringify(place)).toString('base64url');

/** Checked before any read: a cursor that is not a `next` is a 422 whatever the queue holds. */
export function cursorPlace(cursor: string): QueuePlace {
  try {
    const place: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(place) && place.length === 3 && typeof place[0] === 'number' && typeof place[1] === 'string' && typeof place[2] === 'string') {
      return place as QueuePlace;
    }
  } catch {
    // a cursor that is not ours: the same answer as a well-formed one of the wrong shape
  }
  throw Invalid.because('bad query parameter', [{ field: 'after', message: 'must be the `next` of a previous page' }]);
}
