/**
 * The `segments` projection: per campaign and agency, current evaluations counted by level in
 * each segment cell (district, industry section, enterprise size, as copied into the evaluation
 * when it was made), with the respondents of each cell. The agency `*` holds the whole campaign,
 * where one enterprise rates several agencies and is still counted once per cell. Kept apart from
 * `reports` so that the headline's rebuild does none of this work. Values and ids are user text
 * (a district may be `__proto__`): every map of them is a Keyed object (@survey/domain).
 */
import { addTo, deleteOwn, getOwn, Keyed, keyed, setOwn } from '@survey/domain';
import type { BallotEvent } from '@survey/domain';
import { defineProjection } from '../projection';
import type { DocAccess, EventHandler } from '../projection';

export const SEGMENT_COLLECTIONS = { stats: 'segment-stats', ballots: 'segment-ballots' } as const;
export const ALL_AGENCIES = '*';
const DIMENSIONS = ['district', 'industry', 'size'] as const;

export interface SegmentCellCounts {
  respondents: number;
  /** level id → current evaluations. */
  levels: Keyed<number>;
}

export interface SegmentStatsDoc {
  [key: string]: unknown;
  campaignId: string;
  /** An agency id, or `*` for the whole campaign. */
  agencyId: string;
  /** Per dimension, value (a district, an industry section, a size) → its cell. */
  cells: Record<(typeof DIMENSIONS)[number], Keyed<SegmentCellCounts>>;
}

/**
 * Each current evaluation of a ballot: agency id → [rating, district, industry, size]; and per
 * dimension, how many of them are in each value, which says at once whether the enterprise
 * already counts as a respondent of a campaign-wide cell.
 */
export interface SegmentBallotDoc {
  [key: string]: unknown;
  current: Keyed<Entry>;
  inCell: [district: Keyed<number>, industry: Keyed<number>, size: Keyed<number>];
}
type Entry = [rating: string, district: string, industry: string, size: string];

export const segmentStatsId = (campaignId: string, agencyId: string) => `${campaignId}/${agencyId}`;
const ballotId = (campaignId: string, creditCode: string) => `${campaignId}/${creditCode}`;
const S = SEGMENT_COLLECTIONS;

const ballotChange: EventHandler<BallotEvent> = {
  reads(event) {
    const { campaignId, creditCode, agencyId } = event.data;
    return [[S.ballots, ballotId(campaignId, creditCode)], [S.stats, segmentStatsId(campaignId, agencyId)], [S.stats, segmentStatsId(campaignId, ALL_AGENCIES)]];
  },
  apply: applyBallot,
};

export const segmentsProjection = defineProjection({
  name: 'segments',
  collections: Object.values(S),
  on: {
    EvaluationSubmitted: ballotChange,
    EvaluationRevised: ballotChange,
    EvaluationWithdrawn: ballotChange,
    EvaluationInvalidated: ballotChange,
  },
});

const emptyStats = (campaignId: string, agencyId: string): SegmentStatsDoc => ({ campaignId, agencyId, cells: { district: keyed(), industry: keyed(), size: keyed() } });

function applyBallot(event: BallotEvent, docs: DocAccess): void {
  const { campaignId, creditCode, agencyId } = event.data;
  const bId = ballotId(campaignId, creditCode);
  const ballot = docs.get<SegmentBallotDoc>(S.ballots, bId) ?? { current: keyed(), inCell: [keyed(), keyed(), keyed()] };
  const agency = docs.get<SegmentStatsDoc>(S.stats, segmentStatsId(campaignId, agencyId)) ?? emptyStats(campaignId, agencyId);
  const all = docs.get<SegmentStatsDoc>(S.stats, segmentStatsId(campaignId, ALL_AGENCIES)) ?? emptyStats(campaignId, ALL_AGENCIES);

  const move = (entry: Entry, delta: 1 | -1) => {
    for (let d = 0; d < DIMENSIONS.length; d++) {
      const value = entry[d + 1];
      const inCell = ballot.inCell[d];
      const before = getOwn(inCell, value) ?? 0;
      const after = before + delta;
      if (after === 0) deleteOwn(inCell, value);
      else setOwn(inCell, value, after);
      count(agency, DIMENSIONS[d], value, entry[0], delta, true);
      // The enterprise enters a campaign-wide cell with its first evaluation there and leaves it with its last.
      count(all, DIMENSIONS[d], value, entry[0], delta, before === 0 || after === 0);
    }
  };
  const kept = getOwn(ballot.current, agencyId);
  if (kept) move(kept, -1);
  if (event.type === 'EvaluationSubmitted' || event.type === 'EvaluationRevised') {
    const { rating, district, industry, size } = event.data;
    const entry: Entry = [rating, district, industry, size];
    move(entry, +1);
    setOwn(ballot.current, agencyId, entry);
  } else if (kept) {
    deleteOwn(ballot.current, agencyId);
  }
  docs.put(S.ballots, bId, ballot);
  docs.put(S.stats, segmentStatsId(campaignId, agencyId), agency);
  docs.put(S.stats, segmentStatsId(campaignId, ALL_AGENCIES), all);
}

function count(doc: SegmentStatsDoc, dimension: (typeof DIMENSIONS)[number], value: string, rating: string, delta: number, respondent: boolean): void {
  const cells = doc.cells[dimension];
  let cell = getOwn(cells, value);
  if (!cell) setOwn(cells, value, (cell = { respondents: 0, levels: keyed() }));
  addTo(cell.levels, rating, delta);
  if (respondent) cell.respondents += delta;
}
