/**
 * One replay of the log into memory with the current `reports` projection, as a replay worker runs
 * it: forward once, copying at each target position the documents that reports read (never the
 * per-ballot ones, which stay in the worker). An as-of replay also stops at the first event
 * recorded after its time: the longest prefix of the log recorded by then.
 */
import type { EventStore } from '@survey/event-store';
import { COLLECTIONS, DocsSnapshot, MemoryFold, reportsProjection } from '@survey/read-models';

/** What report assembly reads (report-source.ts): small, whatever the number of ballots. */
export const REPORT_COLLECTIONS: readonly string[] = [COLLECTIONS.campaigns, COLLECTIONS.campaignStats, COLLECTIONS.agencyStats];

export interface ReplayTask {
  /** Positions to stop at, ascending: everything up to each is folded, and the documents copied there. */
  targets: number[];
  /** Also stop at the first event recorded after this time (ms since the epoch). */
  until?: number;
}

export interface FoldedAt {
  target: number;
  /** Position and recordedAt of the last event folded (0 / null: none). */
  position: number;
  recordedAt: string | null;
  /** recordedAt never went back along the events folded, and each was a time. */
  ordered: boolean;
  /** The latest recordedAt folded, in ms (Infinity when one was no time; -Infinity: none folded). */
  latest: number;
  /** The fold stopped at an event recorded after `until`: later appends cannot change it. */
  final: boolean;
  docs: DocsSnapshot;
}

export type ReplayProgress = (position: number, target: number) => void;

export async function foldToTargets(store: EventStore, task: ReplayTask, onProgress?: ReplayProgress): Promise<FoldedAt[]> {
  const fold = new MemoryFold(store, reportsProjection);
  const { until } = task;
  let latest = -Infinity;
  let ordered = true;
  let final = false;
  const results: FoldedAt[] = [];
  for (const target of task.targets) {
    if (!final && fold.last.position < target) {
      const stopped = await fold.foldWhile((event) => {
        if (event.position > target) return false;
        const at = Date.parse(event.metadata.recordedAt);
        if (until !== undefined && !(at <= until)) return !(final = true);
        if (Number.isNaN(at) || at < latest) ordered = false;
        latest = Number.isNaN(at) ? Infinity : Math.max(latest, at);
        return true;
      }, (position) => onProgress?.(position, target));
      if (stopped) onProgress?.(target, target);
    }
    results.push({ target, ...fold.last, ordered, latest, final, docs: fold.docs.snapshot(REPORT_COLLECTIONS) });
  }
  return results;
}
