/**
 * The one place that maps EventStoreDB's $all positions ({ commit, prepare }, bigints) to the
 * port's plain, strictly increasing numbers, and back to a place to resume reading from.
 *
 * Why the prepare position: every event is its own prepare record in the transaction file, so its
 * prepare position (the record's byte offset) is unique. The commit position is not always: events
 * written inside one legacy commit record (a TCP-API transaction, or a multi-event write made by a
 * pre-20.x server) all share the commit record's position and differ only by prepare position.
 * Events written by gRPC appends on 20.x+ are "commit-alike" prepares whose commit position equals
 * their prepare position, so for this service's own log the number IS the commit position too.
 *
 * Resuming after number n reads forwards from { commit: n, prepare: n }. The server's forward read
 * is inclusive of that position and, for a legacy commit record at c > n, returns the whole
 * transaction, so the caller must drop every event whose number is <= n (see isAfter); doing so
 * never loses an event of the same transaction, because its later prepares are > n.
 * Assumption (documented, not checked): prepare order equals $all order. It holds for every gRPC
 * write (a write's prepares are contiguous); it does not hold for interleaved legacy explicit
 * transactions, which this service never issues. Byte offsets stay below 2^53 (9 PB of log).
 */
import { START } from '@eventstore/db-client';
import type { Position, ReadPosition } from '@eventstore/db-client';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** The port's number for an event at this $all position. */
export function toPortPosition(position: Position): number {
  const n = portPositionOrUndefined(position);
  if (n === undefined) {
    throw new RangeError(`EventStoreDB position ${position.commit}/${position.prepare} does not fit the port's number`);
  }
  return n;
}

/** Undefined for what is not a real event position (an idempotent append may report -1 as a huge ulong). */
export function portPositionOrUndefined(position: Position | undefined): number | undefined {
  if (!position || position.prepare < 0n || position.prepare > MAX || position.commit < 0n) return undefined;
  return Number(position.prepare);
}

/** Where a forward read of $all must start so that it sees every event numbered above `after`. */
export function resumeFrom(after: number): ReadPosition {
  if (!Number.isSafeInteger(after) || after < 0) {
    throw new RangeError(`position must be a non-negative integer, got ${after}`);
  }
  if (after === 0) return START;
  const p = BigInt(after);
  return { commit: p, prepare: p };
}

/** Whether an event read from resumeFrom(after) is really past `after` (the read is inclusive). */
export function isAfter(position: Position, after: number): boolean {
  return toPortPosition(position) > after;
}
