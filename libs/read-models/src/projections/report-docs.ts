/**
 * The documents of the `reports` projection, as the query side reads them. Counters keyed by
 * level, question or agency id are Keyed objects (@survey/domain's keyed.ts): such an id may be
 * `constructor`, so they are read and written through its own-property functions only.
 */
import type { CampaignDefinition, Keyed, PublishedSeal } from '@survey/domain';
import type { StoredRating } from './ballot-memory';

export const COLLECTIONS = {
  campaigns: 'campaigns',
  campaignStats: 'campaign-stats',
  agencyStats: 'agency-stats',
  ballots: 'ballots',
} as const;

/** A campaign as opened, with what happened to it since. */
export type CampaignDoc = CampaignDefinition & {
  [key: string]: unknown;
  closedAt: string | null;
  published: { publishedAt: string; position: number; figures: Record<string, unknown>; seal?: PublishedSeal } | null;
};

/** Current evaluations counted by level, overall and per question. */
export interface LevelCounts {
  [key: string]: unknown;
  /** level id → current evaluations at that level. */
  levels: Keyed<number>;
  /** question id → level id → current answers at that level. */
  questions: Keyed<Keyed<number>>;
}

export interface CampaignStatsDoc extends LevelCounts {
  campaignId: string;
  /** Enterprises with at least one current evaluation. */
  respondents: number;
}

export interface AgencyStatsDoc extends LevelCounts {
  campaignId: string;
  agencyId: string;
}

/**
 * The projection's own memory of each ballot's current ratings, needed to undo a revised or
 * withdrawn one: agency id → the rating and answers, spelled by their positions in the campaign's
 * scale and questions ('0312-') or, when they cannot be, [rating, answers] (./ballot-memory.ts).
 * Kept small, since a rebuild writes one per ballot.
 */
export interface BallotDoc {
  [key: string]: unknown;
  current: Keyed<StoredRating>;
  count: number;
}

export const agencyStatsId = (campaignId: string, agencyId: string) => `${campaignId}/${agencyId}`;
export const ballotDocId = (campaignId: string, creditCode: string) => `${campaignId}/${creditCode}`;
