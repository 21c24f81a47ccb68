/**
 * The one set of builders of the survey's events (campaign, enterprise, ballot, invitations), for
 * every tier: domain specs, projection specs, int suites over a real log. Each builds the event a
 * decider would record, with the defaults a spec can leave out (campaign xz-2019, acme, Gulou
 * district, industry C, small). Envelopes (NewEvent, RecordedEvent) are @survey/event-store/testing's;
 * the closed loop's builders are cases.ts and requests.ts beside this file.
 */
import type {
  BallotEvent, CampaignEvent, CampaignOpened, EnterpriseEvent, EnterpriseRegistered, EvaluationSubmitted, InvitationRevoked, InvitationsIssued, Rating,
  Segment,
} from '../events';
import { DEFAULT_QUESTIONS } from '../campaign';
import { DEFAULT_SCALE } from '../scale';

export const acme = '91310110666007217T';
export const globex = '91350200776049653A';
export const initech = '91440101MA5CJQ4N59';

export const AGENCIES = [
  { id: 'tax', name: '市税务局' },
  { id: 'police', name: '市公安局' },
  { id: 'market', name: '市市场监管局' },
];
export const LEVELS = DEFAULT_SCALE.map((l) => l.id);
export const duringCampaign = new Date('2019-11-15T08:00:00Z');

/** Opened 1 November, closing 31 December of its year (2019 unless `year` says otherwise). */
export function opened(campaignId = 'xz-2019', overrides: Partial<CampaignOpened['data']> = {}): CampaignOpened {
  const year = overrides.year ?? 2019;
  return {
    type: 'CampaignOpened',
    data: {
      campaignId, year, title: `${year} 评议`,
      opensAt: `${year}-11-01T00:00:00.000Z`, closesAt: `${year}-12-31T00:00:00.000Z`,
      agencies: AGENCIES.map((a) => ({ ...a })),
      questions: DEFAULT_QUESTIONS.map((q) => ({ ...q })), scale: DEFAULT_SCALE.map((l) => ({ ...l })),
      ...overrides,
    },
  };
}

export const closed = (campaignId = 'xz-2019', closedAt = '2019-12-31T00:00:00.000Z'): CampaignEvent => ({
  type: 'CampaignClosed', data: { campaignId, closedAt },
});

export const published = (campaignId: string, position: number, figures: Record<string, unknown>): CampaignEvent => ({
  type: 'ResultsPublished', data: { campaignId, publishedAt: '2020-01-10T02:00:00.000Z', position, figures },
});

export const closingExtended = (closesAt: string, previousClosesAt = '2019-12-31T00:00:00.000Z', campaignId = 'xz-2019'): CampaignEvent => ({
  type: 'CampaignClosingExtended', data: { campaignId, closesAt, previousClosesAt },
});

export const campaignAgencyAdded = (agencyId: string, name: string, campaignId = 'xz-2019'): CampaignEvent => ({
  type: 'CampaignAgencyAdded', data: { campaignId, agencyId, name },
});

export const campaignAgencyRenamed = (agencyId: string, name: string, previousName: string, campaignId = 'xz-2019'): CampaignEvent => ({
  type: 'CampaignAgencyRenamed', data: { campaignId, agencyId, name, previousName },
});

const PROFILE = { name: '徐州某某科技有限公司', district: '鼓楼区', industry: 'C', size: 'small' as const };

export function registered(creditCode = acme, profile: Partial<EnterpriseRegistered['data']> = {}): EnterpriseRegistered {
  return { type: 'EnterpriseRegistered', data: { creditCode, ...PROFILE, ...profile } };
}

export const profileChanged = (creditCode: string, profile: Partial<EnterpriseRegistered['data']>): EnterpriseEvent => ({
  type: 'EnterpriseProfileChanged', data: { creditCode, ...PROFILE, ...profile },
});

/** A rating as a command carries it (SubmitEvaluation's data without the ballot's key). */
export function rating(agencyId: string, level: string, extra: Partial<Rating> = {}): Rating {
  return { agencyId, rating: level, answers: {}, comment: null, ...extra };
}

export interface RatingOptions {
  campaignId?: string;
  answers?: Record<string, string>;
  comment?: string | null;
  /** Recorded only when true, as the decider does. */
  contactConsent?: boolean;
  /** The enterprise's segment copied into the event; Gulou, C, small unless said. */
  segment?: Partial<Segment>;
}

function rated(type: 'EvaluationSubmitted' | 'EvaluationRevised', creditCode: string, agencyId: string, level: string, options: RatingOptions) {
  const { campaignId = 'xz-2019', answers = {}, comment = null, segment = {}, contactConsent } = options;
  const { district, industry, size } = { ...PROFILE, ...segment };
  const consent = contactConsent ? { contactConsent: true } : {};
  return { type, data: { campaignId, creditCode, agencyId, rating: level, answers, comment, ...consent, district, industry, size } } satisfies BallotEvent;
}

export const submitted = (creditCode: string, agencyId: string, level: string, options: RatingOptions = {}): EvaluationSubmitted =>
  rated('EvaluationSubmitted', creditCode, agencyId, level, options) as EvaluationSubmitted;

export const revised = (creditCode: string, agencyId: string, level: string, options: RatingOptions = {}): BallotEvent =>
  rated('EvaluationRevised', creditCode, agencyId, level, options);

export const withdrawn = (creditCode: string, agencyId: string, campaignId = 'xz-2019'): BallotEvent => ({
  type: 'EvaluationWithdrawn', data: { campaignId, creditCode, agencyId },
});

export const invalidated = (creditCode: string, agencyId: string, campaignId = 'xz-2019', reason = 'duplicate'): BallotEvent => ({
  type: 'EvaluationInvalidated', data: { campaignId, creditCode, agencyId, reason },
});

/** Links good until 7 January, a week after xz-2019 closes. */
export const issued = (creditCodes: string[], issuedAt = duringCampaign.toISOString(), expiresAt = '2020-01-07T00:00:00.000Z', campaignId = 'xz-2019'): InvitationsIssued => ({
  type: 'InvitationsIssued', data: { campaignId, creditCodes, expiresAt, issuedAt },
});

export const revoked = (creditCode = acme, revokedAt = duringCampaign.toISOString(), reason = '发错了邮箱 sent to the wrong address', campaignId = 'xz-2019'): InvitationRevoked => ({
  type: 'InvitationRevoked', data: { campaignId, creditCode, reason, revokedAt },
});
