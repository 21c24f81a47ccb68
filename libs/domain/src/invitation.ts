/**
 * Invitations of one campaign (stream `invitations-{campaignId}`): the personal links the
 * enterprise-service centre sends out, and their revocation. A link is a signed token that names
 * the campaign, the enterprise and the time it was issued; the token itself is never stored. A
 * revocation therefore covers every link the enterprise was given up to that moment, and a link
 * issued after it is good again.
 */
import { Map as PersistentMap } from 'immutable';
import { CreditCode } from './credit-code';
import { campaignPhase, CampaignState } from './campaign-state';
import { assertNever, Decider } from './decider';
import { Conflict, FieldError, Invalid, NotFound } from './errors';
import type { InvitationEvent } from './events';
import { check, requiredReason } from './text';

/** So that one event stays well under a megabyte even as JSON. */
export const INVITATIONS_PER_EVENT = 1000;
/** A link opens at most this many days after its campaign closes (to see the answers), never later. */
export const INVITATION_MAX_GRACE_DAYS = 30;
const DAY_MS = 86_400_000;

export type IssueInvitations = { type: 'IssueInvitations'; data: { campaignId: string; creditCodes: string[]; graceDays: number } };
export type RevokeInvitation = { type: 'RevokeInvitation'; data: { campaignId: string; creditCode: string; reason: string } };
export type InvitationCommand = IssueInvitations | RevokeInvitation;

export interface Invitation {
  issuedAt: string;
  expiresAt: string;
  /** The latest revocation, kept when a new link is issued: links issued before it stay revoked. */
  revoked: { at: string; reason: string } | null;
}
export interface InvitationsState {
  /**
   * credit code → its latest invitation. A persistent map (immutable.js): each event gives a new
   * map sharing all but what changed, so folding never changes the state it is given, and a
   * campaign's 150,000 codes are not copied for each of its events (that made loading quadratic).
   */
  invitations: PersistentMap<string, Readonly<Invitation>>;
}
export interface InvitationContext {
  now: Date;
  campaign: CampaignState;
}

export const invitationDecider: Decider<InvitationCommand, InvitationEvent, InvitationsState, InvitationContext> = {
  initialState: () => ({ invitations: PersistentMap() }),

  evolve(state, event) {
    switch (event.type) {
      case 'InvitationsIssued': {
        // One value for every code never revoked (values are never changed, so they may be shared);
        // withMutations builds the new map in one pass and leaves the one it starts from as it was.
        const fresh: Invitation = { issuedAt: event.data.issuedAt, expiresAt: event.data.expiresAt, revoked: null };
        const invitations = state.invitations.withMutations((next) => {
          for (const code of event.data.creditCodes) {
            const revoked = next.get(code)?.revoked;
            next.set(code, revoked ? { ...fresh, revoked } : fresh);
          }
        });
        return { invitations };
      }
      case 'InvitationRevoked': {
        const { creditCode, revokedAt, reason } = event.data;
        const known = state.invitations.get(creditCode);
        return known ? { invitations: state.invitations.set(creditCode, { ...known, revoked: { at: revokedAt, reason } }) } : state;
      }
      default:
        return assertNever(event);
    }
  },

  decide(command, state, { now, campaign }) {
    switch (command.type) {
      case 'IssueInvitations': {
        const { campaignId, creditCodes, graceDays } = command.data;
        const closesAt = Date.parse(invitable(campaign, campaignId, now).definition.closesAt);
        if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > INVITATION_MAX_GRACE_DAYS) {
          throw Invalid.because('invalid invitation', [{ field: 'graceDays', message: `must be a whole number of days from 0 to ${INVITATION_MAX_GRACE_DAYS}` }]);
        }
        const expiresAt = invitationExpiry(closesAt, graceDays);
        const issuedAt = now.toISOString();
        // A code whose standing link is still good and expires at the same time needs nothing new.
        const fresh = [...new Set(creditCodes)].filter((code) => {
          CreditCode.parse(code);
          const known = state.invitations.get(code);
          return !known || revokedSinceIssue(known) || known.expiresAt !== expiresAt;
        });
        const events: InvitationEvent[] = [];
        for (let i = 0; i < fresh.length; i += INVITATIONS_PER_EVENT) {
          events.push({ type: 'InvitationsIssued', data: { campaignId, creditCodes: fresh.slice(i, i + INVITATIONS_PER_EVENT), expiresAt, issuedAt } });
        }
        return events;
      }
      case 'RevokeInvitation': {
        const { campaignId, creditCode } = command.data;
        const problems: FieldError[] = [];
        const reason = requiredReason(command.data.reason, problems);
        check('invalid revocation', problems);
        const known = state.invitations.get(creditCode);
        if (!known) throw new NotFound(`enterprise ${creditCode} has no invitation to campaign ${campaignId}`);
        if (known.revoked && revokedSinceIssue(known)) throw new Conflict(`the invitation of ${creditCode} to campaign ${campaignId} was already revoked at ${known.revoked.at}`);
        return [{ type: 'InvitationRevoked', data: { campaignId, creditCode, reason, revokedAt: now.toISOString() } }];
      }
      default:
        return assertNever(command);
    }
  },
};

/** A link expires `graceDays` after closing, so that an enterprise can still see what it answered. */
export const invitationExpiry = (closesAtMs: number, graceDays: number) => new Date(closesAtMs + graceDays * DAY_MS).toISOString();

const revokedSinceIssue = (i: Invitation) => i.revoked !== null && i.revoked.at >= i.issuedAt;

function invitable(campaign: CampaignState, campaignId: string, now: Date) {
  if (!campaign.exists) throw new NotFound(`campaign ${campaignId} not found`);
  const phase = campaignPhase(campaign, now);
  if (phase === 'closed' || phase === 'published') throw new Conflict(`campaign ${campaignId} is ${phase}: there is nothing left to invite to`);
  return campaign;
}

export type LinkStanding = { valid: true } | { valid: false; why: 'unknown' | 'revoked' | 'outlives-campaign'; detail: string };

/**
 * Whether a link issued to `creditCode` at `issuedAtMs` still stands. Its expiry is the token's own
 * `exp`, checked with the signature; here, that `exp` is no later than the campaign's closing plus
 * INVITATION_MAX_GRACE_DAYS (a token signed with a longer life is refused, whoever signed it).
 */
export function linkStanding(
  state: InvitationsState, campaignId: string, creditCode: string, issuedAtMs: number, limits?: { expiresAtMs: number; closesAtMs: number },
): LinkStanding {
  if (limits && limits.expiresAtMs > limits.closesAtMs + INVITATION_MAX_GRACE_DAYS * DAY_MS) {
    return { valid: false, why: 'outlives-campaign', detail: `invalid token: an invitation to campaign ${campaignId} may not be valid more than ${INVITATION_MAX_GRACE_DAYS} days after it closes` };
  }
  const known = state.invitations.get(creditCode);
  if (!known) return { valid: false, why: 'unknown', detail: `invitation not found: no invitation to campaign ${campaignId} was issued to this enterprise` };
  if (known.revoked && Date.parse(known.revoked.at) >= issuedAtMs) {
    return { valid: false, why: 'revoked', detail: `invitation revoked: this link to campaign ${campaignId} was revoked at ${known.revoked.at}; ask the enterprise-service centre for a new one` };
  }
  return { valid: true };
}
