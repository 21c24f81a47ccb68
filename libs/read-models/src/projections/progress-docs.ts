/**
 * The documents of the `progress` projection (response progress for admins), as the query side
 * reads them. Counters by agency id or district are Keyed objects (@survey/domain): such text may
 * be `constructor` or `__proto__`.
 */
import type { Keyed } from '@survey/domain';

export const PROGRESS = {
  /** creditCode → the enterprise's current name and district. */
  enterprises: 'progress-enterprises',
  /** `{campaignId}/{creditCode}` → one enterprise's standing in one campaign (invited or not, what it rated). */
  invitees: 'progress-invitees',
  /** `{campaignId}/{creditCode}` → exists exactly while the enterprise is invited and has rated nothing. */
  pending: 'progress-pending',
  /** campaignId → the counters. */
  campaigns: 'progress-campaigns',
} as const;

export interface ProgressEnterpriseDoc {
  [key: string]: unknown;
  name: string;
  district: string;
}

export interface InviteeDoc {
  [key: string]: unknown;
  creditCode: string;
  invited: boolean;
  /** The district when last invited (null: the enterprise was not registered then). */
  district: string | null;
  /** Agencies it has a current evaluation of. */
  rated: string[];
}

export interface PendingDoc {
  [key: string]: unknown;
  creditCode: string;
  district: string | null;
}

export interface ProgressDoc {
  [key: string]: unknown;
  campaignId: string;
  /** Enterprises holding an invitation that was not revoked. */
  invited: number;
  /** Invited enterprises with at least one current evaluation. */
  responded: number;
  /** Enterprises with a current evaluation but no invitation (a token made some other way). */
  respondedWithoutInvitation: number;
  /** agencyId → invited enterprises with a current evaluation of it. */
  agencies: Keyed<number>;
  /** district ('' when unknown) → invited and responded there. */
  districts: Keyed<{ invited: number; responded: number }>;
}

export const inviteeId = (campaignId: string, creditCode: string) => `${campaignId}/${creditCode}`;
