/**
 * Respondent protection for breakdowns (pure). A row is a breakdown whose cells partition a total
 * that is shown elsewhere (an agency's districts add up to the agency). A cell with fewer than k
 * respondents is suppressed (primary); then, so that no suppressed cell can be recovered by
 * subtracting the shown cells from the total, more cells are suppressed (complementary), smallest
 * first, until at least two cells are hidden AND the hidden cells together hold at least k
 * respondents. Two hidden cells of 1 respondent each would otherwise reveal both (total − shown = 2
 * spread over two non-empty cells), which is why the hidden sum must itself be publishable.
 * Empty cells (0 respondents) are not cells at all: callers drop them, and they never serve as a
 * complement, since hiding an empty cell hides nothing.
 */

export interface CountedCell {
  key: string;
  respondents: number;
}

/**
 * The keys to suppress in one row, for threshold k (SUPPRESSION_K). `forced` keys are hidden as
 * primaries whatever their size: a row that is itself the margin of other rows (campaign-wide
 * cells, the sums of the agencies' cells) must hide every column in which another row hides a cell.
 */
export function suppressedKeys(cells: readonly CountedCell[], k: number, forced: ReadonlySet<string> = new Set()): Set<string> {
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const hidden = new Set<string>();
  let hiddenSum = 0;
  const hide = (c: CountedCell) => {
    hidden.add(c.key);
    hiddenSum += c.respondents;
  };
  const live = cells.filter((c) => c.respondents > 0);
  for (const c of live) if (c.respondents < k || forced.has(c.key)) hide(c);
  if (hidden.size === 0) return hidden;
  // Smallest first (ties by key, so the choice does not depend on input order).
  const rest = live.filter((c) => !hidden.has(c.key)).sort((a, b) => a.respondents - b.respondents || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const c of rest) {
    if (hidden.size >= 2 && hiddenSum >= k) break;
    hide(c);
  }
  return hidden;
}

/** A breakdown cell as a report shows it: the figures, or only that it is suppressed. */
export type ShownCell<T> = ({ value: string } & T) | { value: string; suppressed: true };

/**
 * Applies suppressedKeys to a row of cells that carry their figures, keeping the given order.
 * `partition` false (e.g. per-question figures, which do not add up to a total) applies only
 * the primary rule.
 */
export function protectRow<T>(
  cells: readonly { value: string; respondents: number; figures: T }[],
  k: number,
  partition = true,
  forced: ReadonlySet<string> = new Set(),
): ShownCell<T>[] {
  const live = cells.filter((c) => c.respondents > 0);
  const hidden = partition
    ? suppressedKeys(live.map((c) => ({ key: c.value, respondents: c.respondents })), k, forced)
    : new Set(live.filter((c) => c.respondents < k).map((c) => c.value));
  return live.map((c) => (hidden.has(c.value) ? { value: c.value, suppressed: true as const } : { value: c.value, ...c.figures }));
}
