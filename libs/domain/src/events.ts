/**
 * The event catalog (v1). The `type` strings are the storage contract: never derive them from
 * class names. Streams: `campaign-{id}`, `enterprise-{creditCode}`, `ballot-{campaignId}-{creditCode}`.
 */
import type { ScaleLevel } from './scale';

export interface Agency {
  id: string;
  name: string;
}

export interface Question {
  id: string;
  text: string;
}

export type EnterpriseSize = 'micro' | 'small' | 'medium' | 'large';

export interface EnterpriseProfile {
  name: string;
  district: string;
  /** GB/T 4754 section letter, A–T. */
  industry: string;
  size: EnterpriseSize;
}

export type CampaignOpened = {
  type: 'CampaignOpened';
  data: {
    campaignId: string;
    year: number;
    title: string;
    opensAt: string;
    closesAt: string;
    agencies: Agency[];
    questions: Question[];
    scale: ScaleLevel[];
  };
};
export type CampaignClosed = { type: 'CampaignClosed'; data: { campaignId: string; closedAt: string } };
export type ResultsPublished = {
  type: 'ResultsPublished';
  /** `figures` is the headline report as published; `position` the log position it was computed at. */
  data: { campaignId: string; publishedAt: string; position: number; figures: Record<string, unknown> };
};
export type CampaignEvent = CampaignOpened | CampaignClosed | ResultsPublished;

export type EnterpriseRegistered = { type: 'EnterpriseRegistered'; data: { creditCode: string } & EnterpriseProfile };
export type EnterpriseProfileChanged = { type: 'EnterpriseProfileChanged'; data: { creditCode: string } & EnterpriseProfile };
export type EnterpriseEvent = EnterpriseRegistered | EnterpriseProfileChanged;

export interface Rating {
  agencyId: string;
  rating: string;
  /** question id → level id */
  answers: Record<string, string>;
  comment: string | null;
}
/** A copy of the enterprise's segment at the time, so history replays the same whatever changes later. */
export type Segment = Pick<EnterpriseProfile, 'district' | 'industry' | 'size'>;
type BallotKey = { campaignId: string; creditCode: string };

export type EvaluationSubmitted = { type: 'EvaluationSubmitted'; data: BallotKey & Rating & Segment };
export type EvaluationRevised = { type: 'EvaluationRevised'; data: BallotKey & Rating & Segment };
export type EvaluationWithdrawn = { type: 'EvaluationWithdrawn'; data: BallotKey & { agencyId: string } };
export type EvaluationInvalidated = { type: 'EvaluationInvalidated'; data: BallotKey & { agencyId: string; reason: string } };
export type BallotEvent = EvaluationSubmitted | EvaluationRevised | EvaluationWithdrawn | EvaluationInvalidated;

export type SurveyEvent = CampaignEvent | EnterpriseEvent | BallotEvent;

export const streams = {
  campaign: (campaignId: string) => `campaign-${campaignId}`,
  enterprise: (creditCode: string) => `enterprise-${creditCode}`,
  ballot: (campaignId: string, creditCode: string) => `ballot-${campaignId}-${creditCode}`,
};

/**
 * Tamper evidence: the sealer appends a seal to `audit-seals` at least every 1,000 events or 60 s,
 * and at every publish. `rollingHash` folds the hash of every event with position ≤ `position`
 * (`count` of them, earlier seals included); `digests` lists the first 8 hex characters of the
 * hash of each event since the previous seal, in log order, so a verifier can name the first event
 * that moved or vanished (see libs/event-store/src/chain/).
 */
export const SEALS_STREAM = 'audit-seals';
export type LogSealed = {
  type: 'LogSealed';
  data: { position: number; count: number; rollingHash: string; sealedAt: string; digests: string };
};
