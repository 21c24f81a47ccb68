/**
 * The deadline scheduler's index of open items by the next moment something falls due on them
 * (the domain's nextCaseDue, nextRequestDue), so that a pass takes only what is due by the clock.
 * Without it every pass looked at every open item: on the bench's log (82,000 cases nobody works)
 * that held the API's event loop for 100–250 ms each second, the headline report's p99.
 * An ordered set (sorted-btree's B+ tree) rather than a heap: one entry per item, moved when its
 * due moves, so nothing stale accumulates while cases change.
 */
import BTree from 'sorted-btree';

type Entry = [dueMs: number, id: string];
const byDueThenId = (a: Entry, b: Entry): number => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

export class DueIndex {
  private readonly byDue = new BTree<Entry, undefined>(undefined, byDueThenId);
  /** Each indexed item's due, to find its entry (a Map: ids are never a plain object's keys). */
  private readonly dueOf = new Map<string, number>();

  /** When something next falls due on `id` (an ISO instant), or null: nothing until its next event. */
  set(id: string, due: string | null): void {
    const ms = due === null ? NaN : Date.parse(due);
    const before = this.dueOf.get(id);
    if (before === ms) return;
    if (before !== undefined) {
      this.byDue.delete([before, id]);
      this.dueOf.delete(id);
    }
    // An instant that does not parse is never due (the domain's `Date.parse(due) <= now` never holds).
    if (Number.isNaN(ms)) return;
    this.dueOf.set(id, ms);
    this.byDue.set([ms, id], undefined);
  }

  /** Removes and returns the ids due at `now`, earliest first, at most `limit`: the caller indexes them again once handled. */
  takeDue(now: Date, limit = Infinity): string[] {
    const nowMs = now.getTime();
    const ids: string[] = [];
    for (const [[dueMs, id]] of this.byDue.entries()) {
      if (dueMs > nowMs || ids.length >= limit) break;
      ids.push(id);
    }
    for (const id of ids) this.set(id, null);
    return ids;
  }

  /** The earliest due in the index, in ms since the epoch; null when nothing is indexed. */
  next(): number | null {
    return this.byDue.minKey()?.[0] ?? null;
  }

  get size(): number {
    return this.dueOf.size;
  }
}
