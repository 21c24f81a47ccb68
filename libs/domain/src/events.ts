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

/** Personal links sent to enterprises; issued in batches of at most 1,000 codes per event. */
export type InvitationsIssued = { type: 'InvitationsIssued'; data: { campaignId: string; creditCodes: string[]; expiresAt: string; issuedAt: string } };
export type InvitationRevoked = { type: 'InvitationRevoked'; data: { campaignId: string; creditCode: string; reason: string; revokedAt: string } };
export type InvitationEvent = InvitationsIssued | InvitationRevoked;

export const streams = {
  campaign: (campaignId: string) => `campaign-${campaignId}`,
  enterprise: (creditCode: string) => `enterprise-${creditCode}`,
  ballot: (campaignId: string, creditCode: string) => `ballot-${campaignId}-${creditCode}`,
  invitations: (campaignId: string) => `invitations-${campaignId}`,
};
