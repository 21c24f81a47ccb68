/**
 * The documents of the `rectification` projection (the closed loop's case reports, CLOSED-LOOP.md
 * "Report shapes"), as the query side reads them. Every counter is a named field, never keyed by
 * user text; agency ids are values (`agencyId` fields) and parts of document ids only.
 */
import type { Agency, OpenedCase } from '@survey/domain';

export const RECTIFICATION = {
  /** campaignId → its agencies' names, which scale levels count as satisfied, and whether it is published. */
  campaigns: 'rectification-campaigns',
  /** caseId → the case as the domain folds it (its `missed` set as a list), and the counters it is counted in. */
  cases: 'rectification-cases',
  /** `{campaignId}/{agencyId}` → the cumulative counters of that agency's cases. */
  stats: 'rectification-stats',
  /** `{campaignId}/{caseId}` → exists exactly while the case is open: its pending deadlines, for `overdue` at query time. */
  open: 'rectification-open',
} as const;

export interface RectificationCampaignDoc {
  [key: string]: unknown;
  campaignId: string;
  agencies: Agency[];
  /** The scale's levels flagged `satisfied`: what a follow-up must be to count in followUpSatisfied. */
  satisfiedLevels: string[];
  publishedAt: string | null;
}

/** The cumulative counts of CLOSED-LOOP.md (each case at most once in each), plus the rates' denominators. */
export const CASE_COUNTERS = [
  'cases', 'contacted', 'contactedOnTime', 'contactSettled', 'reported', 'rectifiedOnTime', 'rectifySettled',
  'followUps', 'followUpSatisfied', 'appeals', 'appealsUpheld', 'closed', 'closedRectified',
] as const;
export type CaseCounter = (typeof CASE_COUNTERS)[number];
export type CaseCounts = Record<CaseCounter, number>;

export const noCaseCounts = (): CaseCounts => ({
  cases: 0, contacted: 0, contactedOnTime: 0, contactSettled: 0, reported: 0, rectifiedOnTime: 0, rectifySettled: 0,
  followUps: 0, followUpSatisfied: 0, appeals: 0, appealsUpheld: 0, closed: 0, closedRectified: 0,
});

export type RectificationStatsDoc = CaseCounts & { [key: string]: unknown; campaignId: string; agencyId: string };

/** The case's domain state as stored (JSON has no Set), and the counters it has been counted in. */
export interface CaseTallyDoc {
  [key: string]: unknown;
  state: Omit<OpenedCase, 'missed'> & { missed: string[] };
  counted: CaseCounter[];
}

export interface OpenCaseDoc {
  [key: string]: unknown;
  caseId: string;
  agencyId: string;
  /** The due times of the deadlines the case waits on (domain pendingCaseDeadlines): overdue once one has passed. */
  dues: string[];
}

export const rectificationStatsId = (campaignId: string, agencyId: string) => `${campaignId}/${agencyId}`;
export const openCaseId = (campaignId: string, caseId: string) => `${campaignId}/${caseId}`;
