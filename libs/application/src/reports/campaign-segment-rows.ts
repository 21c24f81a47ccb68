/**
 * Campaign-wide segment cells (every agency together). Respondents are enterprises counted once
 * per cell, and suppression goes by them. These cells are also the column sums of the agencies'
 * cells (in evaluations and satisfied counts): showing one whose column hides an agency's cell
 * would let that cell be recovered by subtracting the agencies' shown cells. So every value hidden
 * in any agency's row is hidden here too, before complements.
 */
import { ALL_AGENCIES, SegmentStatsDoc } from '@survey/read-models';
import { LevelInput, SEGMENT_DIMENSIONS, segmentRow, SegmentRows } from '@survey/reporting';
import { segmentCells } from './report-source';

/** The campaign-wide rows from a campaign's `segment-stats` documents (its agencies' and the `*` one). */
export function campaignSegmentRows(scale: LevelInput[], docs: SegmentStatsDoc[], k: number): NonNullable<SegmentRows> {
  const all = docs.find((d) => d.agencyId === ALL_AGENCIES);
  const agencies = docs.filter((d) => d.agencyId !== ALL_AGENCIES);
  return Object.fromEntries(
    SEGMENT_DIMENSIONS.map((d) => {
      const hiddenInAnAgency = new Set<string>();
      for (const agency of agencies) {
        for (const cell of segmentRow(d, segmentCells(agency.cells[d]), scale, k)) if ('suppressed' in cell) hiddenInAnAgency.add(cell.value);
      }
      return [d, segmentRow(d, segmentCells(all?.cells[d]), scale, k, hiddenInAnAgency)];
    }),
  ) as NonNullable<SegmentRows>;
}
