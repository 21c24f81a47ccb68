/**
 * The event catalog (v1). The `type` strings are the storage contract: never derive them from
 * class names. Streams: `campaign-{id}`, `enterprise-{creditCode}`, `ballot-{campaignId}-{creditCode}`;
 * the closed loop's (CLOSED-LOOP.md) are typed beside their deciders and gathered here.
 */
import type { ScaleLevel } from './scale';
import type { RectificationEvent } from './rectification/events';
import type { RequestEvent } from './requests/events';

export type * from './rectification/events';
export type * from './requests/events';

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
  /**
   * `figures` is the headline report as published; `position` the log position it was computed at.
   * `methodology` (formula version, scale, questions) and its `methodologyHash` (sha256 of its
   * canonical JSON) were added later: events published before them lack both. `seal` is the log's
   * seal taken just before publishing (it covers every event the figures come from), to be printed
   * with the results and checked later with `survey verify --chain --seal position:rollingHash`.
   */
  data: {
    campaignId: string; publishedAt: string; position: number; figures: Record<string, unknown>;
    methodology?: PublishedMethodology; methodologyHash?: string; seal?: PublishedSeal;
  };
};
/** A seal as published: the rolling hash of the whole log up to `position` (`count` events). */
export interface PublishedSeal {
  position: number;
  count: number;
  rollingHash: string;
  sealedAt: string;
}
/** What the published figures were computed with (see @survey/reporting's methodology). */
export interface PublishedMethodology {
  formulaVersion: number;
  scale: ScaleLevel[];
  questions: Question[];
}
/** Changes while scheduled or open (campaign-changes.ts): a later closing, an agency added or renamed. */
export type CampaignClosingExtended = { type: 'CampaignClosingExtended'; data: { campaignId: string; closesAt: string; previousClosesAt: string } };
export type CampaignAgencyAdded = { type: 'CampaignAgencyAdded'; data: { campaignId: string; agencyId: string; name: string } };
export type CampaignAgencyRenamed = { type: 'CampaignAgencyRenamed'; data: { campaignId: string; agencyId: string; name: string; previousName: string } };
export type CampaignEvent = CampaignOpened | CampaignClosed | ResultsPublished | CampaignClosingExtended | CampaignAgencyAdded | CampaignAgencyRenamed;

export type EnterpriseRegistered = { type: 'EnterpriseRegistered'; data: { creditCode: string } & EnterpriseProfile };
export type EnterpriseProfileChanged = { type: 'EnterpriseProfileChanged'; data: { creditCode: string } & EnterpriseProfile };
export type EnterpriseEvent = EnterpriseRegistered | EnterpriseProfileChanged;

export interface Rating {
  agencyId: string;
  rating: string;
  /**
   * question id → level id: a JSON object, as the HTTP contract and the stored event have it. Its
   * keys are user text (a question may be called `constructor`): read it with Object.entries or
   * through asKeyed (./keyed.ts), never as `answers[question]`.
   */
  answers: Record<string, string>;
  comment: string | null;
  /**
   * Whether the agency may learn who gave a bad review and call back itself (CLOSED-LOOP.md's
   * privacy rule). Stored only when true: an event without it, every event written before it
   * existed included, reads as false.
   */
  contactConsent?: boolean;
}
/** A copy of the enterprise's segment at the time, so history replays the same whatever changes later. */
export type Segment = Pick<EnterpriseProfile, 'district' | 'industry' | 'size'>;
type BallotKey = { campaignId: string; creditCode: string };

export type EvaluationSubmitted = { type: 'EvaluationSubmitted'; data: BallotKey & Rating & Segment };
export type EvaluationRevised = { type: 'EvaluationRevised'; data: BallotKey & Rating & Segment };
export type EvaluationWithdrawn = { type: 'EvaluationWithdrawn'; data: BallotKey & { agencyId: string } };
export type EvaluationInvalidated = { type: 'EvaluationInvalidated'; data: BallotKey & { agencyId: string; reason: string } };
export type BallotEvent = EvaluationSubmitted | EvaluationRevised | EvaluationWithdrawn | EvaluationInvalidated;

export type SurveyEvent = CampaignEvent | EnterpriseEvent | BallotEvent | InvitationEvent;
/** The closed loop's events (CLOSED-LOOP.md): rectification cases, requests, the agency directory. */
export type ClosedLoopEvent = RectificationEvent | RequestEvent | AgencyEvent;

/** The city's agency directory, stream `agency-{agencyId}` (agency.ts). */
export type AgencyRegistered = { type: 'AgencyRegistered'; data: { agencyId: string; name: string; at: string } };
export type AgencyRenamed = { type: 'AgencyRenamed'; data: { agencyId: string; name: string; previousName: string; at: string } };
export type AgencyEvent = AgencyRegistered | AgencyRenamed;

/** Stream `invitations-{campaignId}` (the invitations feature); at most 1,000 codes per InvitationsIssued. */
export type InvitationsIssued = { type: 'InvitationsIssued'; data: { campaignId: string; creditCodes: string[]; expiresAt: string; issuedAt: string } };
export type InvitationRevoked = { type: 'InvitationRevoked'; data: { campaignId: string; creditCode: string; reason: string; revokedAt: string } };
export type InvitationEvent = InvitationsIssued | InvitationRevoked;

/**
 * One read by an auditor (stream `audit-reads-{YYYY-MM-DD}`, the UTC day): who and when are the
 * metadata's actor and recordedAt. `via` http: `request` is the method and path, `status` the HTTP
 * status answered; via cli: `request` is the command line, `status` its exit code.
 */
export type AuditRead = {
  type: 'AuditRead';
  data: { via: 'http' | 'cli'; what: string; request: string; status: number };
};

export const streams = {
  campaign: (campaignId: string) => `campaign-${campaignId}`,
  enterprise: (creditCode: string) => `enterprise-${creditCode}`,
  ballot: (campaignId: string, creditCode: string) => `ballot-${campaignId}-${creditCode}`,
  auditReads: (day: string) => `audit-reads-${day}`,
  invitations: (campaignId: string) => `invitations-${campaignId}`,
  /** `caseId` is the id of the evaluation event that gave the bad review. */
  rectification: (caseId: string) => `rectification-${caseId}`,
  request: (requestId: string) => `request-${requestId}`,
  agency: (agencyId: string) => `agency-${agencyId}`,
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
