/**
 * Reading the `rectification` projection for both reports: the campaign, and per agency its counts
 * and its open cases' dues, all at one checkpoint (../projections/one-checkpoint.ts), so `open`,
 * `overdue` and the cumulative counts never come from two positions.
 */
import { NotFound } from '@survey/domain';
import {
  DocumentReads, noCaseCounts, OpenCaseDoc, RECTIFICATION, RectificationCampaignDoc, rectificationProjection, RectificationStatsDoc,
} from '@survey/read-models';
import type { AgencyCasesInput } from '@survey/reporting';
import { atOneCheckpoint } from '../projections/one-checkpoint';

export interface CampaignCases {
  campaign: RectificationCampaignDoc;
  /** The campaign's agencies in its order, then any other agency that has cases (none in practice). */
  agencies: AgencyCasesInput[];
}

export function campaignCases(reads: DocumentReads, campaignId: string): Promise<CampaignCases> {
  return atOneCheckpoint(reads, rectificationProjection.name, () => readOnce(reads, campaignId));
}

async function readOnce(reads: DocumentReads, campaignId: string): Promise<CampaignCases> {
  const [campaign, stats, open] = await Promise.all([
    reads.get<RectificationCampaignDoc>(RECTIFICATION.campaigns, campaignId),
    reads.list<RectificationStatsDoc>(RECTIFICATION.stats, `${campaignId}/`),
    reads.list<OpenCaseDoc>(RECTIFICATION.open, `${campaignId}/`),
  ]);
  if (!campaign) throw new NotFound(`campaign ${campaignId} not found`);
  // Maps: agency ids are user text (`constructor` is one).
  const statsOf = new Map(stats.map((s) => [s.agencyId, s]));
  const duesOf = new Map<string, string[][]>();
  for (const c of open) duesOf.set(c.agencyId, [...(duesOf.get(c.agencyId) ?? []), c.dues]);
  const names = new Map(campaign.agencies.map((a) => [a.id, a.name]));
  const ids = [...names.keys(), ...[...statsOf.keys()].filter((id) => !names.has(id)).sort()];
  const agencies = ids.map((agencyId): AgencyCasesInput => {
    const s = statsOf.get(agencyId);
    const counts = noCaseCounts();
    if (s) for (const counter of Object.keys(counts) as (keyof typeof counts)[]) counts[counter] = s[counter];
    return { agencyId, name: names.get(agencyId) ?? null, counts, openDues: duesOf.get(agencyId) ?? [] };
  });
  return { campaign, agencies };
}
