/**
 * The earliest of due times as events record them (ISO instants), for the scheduler's next wake-up
 * on an item. Compared as instants, not as text; one that is no instant is never due (as
 * `Date.parse(due) <= now` never holds for it), so it is left out.
 */
export function earliestDue(dues: readonly (string | null)[]): string | null {
  let earliest: string | null = null;
  let earliestMs = Infinity;
  for (const due of dues) {
    const ms = due === null ? NaN : Date.parse(due);
    if (ms < earliestMs) {
      earliest = due;
      earliestMs = ms;
    }
  }
  return earliest;
}
