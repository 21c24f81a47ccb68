/**
 * Report assembly from read-model documents, wherever they are: the live read models
 * (DocumentReads) or a replay of the log's prefix held in memory (MemoryDocs, for as-of
 * reports). Both go through the same functions, so an as-of report is computed exactly as a live one.
 * The documents' counters (Keyed objects, keyed by user text) become Maps here, for the pure reports.
 */
import { Keyed, NotFound, ownEntries, toMap } from '@survey/domain';
import {
  AgencyStatsDoc, CampaignDoc, CampaignStatsDoc, COLLECTIONS, Doc, LevelCounts, MemoryDocs, SEGMENT_COLLECTIONS, SegmentCellCounts, SegmentStatsDoc, segmentStatsId,
} from '@survey/read-models';
import { agencyDetail, AgencyDetail, CampaignCounts, headlineReport, HeadlineReport, SEGMENT_DIMENSIONS, SegmentCounts, SegmentDimension } from '@survey/reporting';

/** What reports read: a DocumentReads, or MemoryDocs through memorySource. */
export interface DocSource {
  get<T extends Doc>(collection: string, id: string): Promise<T | undefined>;
  list<T extends Doc>(collection: string, idPrefix?: string): Promise<T[]>;
}

/** A replay's in-memory documents as a DocSource. */
export function memorySource(docs: MemoryDocs): DocSource {
  return {
    get: async <T extends Doc>(collection: string, id: string) => docs.get<T>(collection, id),
    list: async <T extends Doc>(collection: string, idPrefix?: string) => docs.list<T>(collection, idPrefix),
  };
}

export interface At {
  position: number;
  recordedAt: string | null;
}

/** The campaign and the one with the greatest earlier year (DESIGN: "the previous campaign"). */
export async function campaignAndPrevious(source: DocSource, campaignId: string): Promise<{ campaign: CampaignDoc; previous: CampaignDoc | undefined }> {
  const campaigns = await source.list<CampaignDoc>(COLLECTIONS.campaigns);
  const campaign = campaigns.find((c) => c.campaignId === campaignId);
  if (!campaign) throw new NotFound(`campaign ${campaignId} not found`);
  const previous = campaigns.filter((c) => c.year < campaign.year).sort((a, b) => b.year - a.year)[0];
  return { campaign, previous };
}

export async function campaignCounts(source: DocSource, campaign: CampaignDoc): Promise<CampaignCounts> {
  const [stats, agencies] = await Promise.all([
    source.get<CampaignStatsDoc>(COLLECTIONS.campaignStats, campaign.campaignId),
    source.list<AgencyStatsDoc>(COLLECTIONS.agencyStats, `${campaign.campaignId}/`),
  ]);
  return {
    campaignId: campaign.campaignId,
    year: campaign.year,
    agencies: campaign.agencies,
    scale: campaign.scale,
    respondents: stats?.respondents ?? 0,
    levels: toMap(stats?.levels),
    agencyLevels: new Map(agencies.map((a) => [a.agencyId, toMap(a.levels)])),
  };
}

/** question id → level id → answers, from a document's counters. */
export function questionCounts(doc: LevelCounts | undefined): Map<string, Map<string, number>> {
  return new Map(doc ? ownEntries(doc.questions).map(([question, levels]) => [question, toMap(levels)]) : []);
}

/** A segments document's cells per dimension, each value → its counts. */
export function segmentCells(cells: Keyed<SegmentCellCounts> | undefined): Map<string, SegmentCounts> {
  return new Map(cells ? ownEntries(cells).map(([value, cell]) => [value, { respondents: cell.respondents, levels: toMap(cell.levels) }]) : []);
}

export async function headlineFrom(source: DocSource, campaignId: string, at: At): Promise<HeadlineReport> {
  const { campaign, previous } = await campaignAndPrevious(source, campaignId);
  const [current, prior] = await Promise.all([campaignCounts(source, campaign), previous ? campaignCounts(source, previous) : null]);
  return headlineReport(current, prior, at);
}

/** Segments: read from the `segments` projection, or left out with the reason given. */
export type SegmentsChoice = { include: true } | { include: false; omitted: string };

export async function agencyDetailFrom(
  source: DocSource, campaignId: string, agencyId: string, k: number, at: At, segments: SegmentsChoice,
): Promise<AgencyDetail> {
  const { campaign, previous } = await campaignAndPrevious(source, campaignId);
  if (!campaign.agencies.some((a) => a.id === agencyId)) throw new NotFound(`agency ${agencyId} is not in campaign ${campaignId}`);
  const [stats, prior, cells] = await Promise.all([
    source.get<AgencyStatsDoc>(COLLECTIONS.agencyStats, `${campaignId}/${agencyId}`),
    previous ? source.get<AgencyStatsDoc>(COLLECTIONS.agencyStats, `${previous.campaignId}/${agencyId}`) : undefined,
    segments.include ? source.get<SegmentStatsDoc>(SEGMENT_COLLECTIONS.stats, segmentStatsId(campaignId, agencyId)) : undefined,
  ]);
  const segmentsOf = (doc: SegmentStatsDoc | undefined) =>
    Object.fromEntries(SEGMENT_DIMENSIONS.map((d) => [d, segmentCells(doc?.cells[d])])) as Record<SegmentDimension, Map<string, SegmentCounts>>;
  return agencyDetail({
    campaign,
    agencyId,
    levels: toMap(stats?.levels),
    questions: questionCounts(stats),
    previous: previous ? { campaignId: previous.campaignId, year: previous.year, levels: prior ? toMap(prior.levels) : null, scale: previous.scale } : null,
    segments: segments.include ? segmentsOf(cells) : null,
    ...(segments.include ? {} : { segmentsOmitted: segments.omitted }),
    k,
    asOf: at,
  });
}
