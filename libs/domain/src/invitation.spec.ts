import { campaignDecider } from './campaign';
import type { CampaignState } from './campaign-state';
import { MAX_REASON_CHARACTERS } from './text';
import { Conflict, Invalid, NotFound, Unprocessable } from './errors';
import type { InvitationsIssued } from './events';
import { fold } from './decider';
import { creditCode } from './testing/credit-codes';
import { invitationDecider, InvitationCommand, INVITATIONS_PER_EVENT, linkStanding } from './invitation';
import { acme, closed, duringCampaign, globex, issued, opened, revoked } from './testing/builders';
import { specFor } from './testing/given';

const open = fold(campaignDecider, [opened('xz-2019')]);
const closedCampaign = fold(campaignDecider, [opened('xz-2019'), closed('xz-2019', '2019-11-10T00:00:00.000Z')]);
const given = specFor(invitationDecider, () => ({ now: duringCampaign, campaign: open as CampaignState }));
const at = (iso: string) => ({ now: new Date(iso), campaign: open });

const issue = (creditCodes: string[], graceDays = 7): InvitationCommand => ({ type: 'IssueInvitations', data: { campaignId: 'xz-2019', creditCodes, graceDays } });
const revoke = (creditCode = acme, reason = '发错了邮箱 sent to the wrong address'): InvitationCommand => ({ type: 'RevokeInvitation', data: { campaignId: 'xz-2019', creditCode, reason } });

describe('invitation decider', () => {
  describe('issuing', () => {
    it('invites each code once, expiring at closing plus the grace days', () => given([]).when(issue([acme, globex, acme])).then([issued([acme, globex])]));
    it('changes nothing for codes whose link still stands', () => given([issued([acme])]).when(issue([acme, globex])).then([issued([globex])]));
    it('issues again when the grace period changes', () =>
      given([issued([acme])]).when(issue([acme], 0)).then([issued([acme], duringCampaign.toISOString(), '2019-12-31T00:00:00.000Z')]));
    it('issues again after a revocation', () =>
      given([issued([acme], '2019-11-02T00:00:00.000Z'), revoked(acme, '2019-11-03T00:00:00.000Z')]).when(issue([acme])).then([issued([acme])]));
    it(`batches at most ${INVITATIONS_PER_EVENT} codes per event`, () => {
      const codes = Array.from({ length: 2500 }, (_, i) => creditCode(i));
      const events = invitationDecider.decide(issue(codes), invitationDecider.initialState(), at(duringCampaign.toISOString()));
      expect(events.map((e) => (e as InvitationsIssued).data.creditCodes.length)).toEqual([1000, 1000, 500]);
      expect(events.flatMap((e) => (e as InvitationsIssued).data.creditCodes)).toEqual(codes);
    });
    it('refuses an invalid credit code', () => given([]).when(issue([acme.slice(0, 17) + 'A'])).thenThrows(Unprocessable));
    it('refuses an unknown campaign', () => given([]).when(issue([acme]), { now: duringCampaign, campaign: { exists: false } }).thenThrows(NotFound));
    it('refuses a closed campaign', () => given([]).when(issue([acme]), { now: duringCampaign, campaign: closedCampaign }).thenThrows(Conflict, /closed/));
    it('refuses a negative grace period', () => given([]).when(issue([acme], -1)).thenThrows(Invalid, /graceDays/));
    it('refuses a grace period over 30 days', () => given([]).when(issue([acme], 31)).thenThrows(Invalid, /graceDays must be a whole number of days from 0 to 30/));
    it('takes one of exactly 30 days', () => expect(invitationDecider.decide(issue([acme], 30), invitationDecider.initialState(), at(duringCampaign.toISOString()))).toHaveLength(1));
  });

  describe('revoking', () => {
    it('records the revocation with its reason', () => given([issued([acme])]).when(revoke()).then([revoked()]));
    it('refuses an enterprise that was never invited', () => given([issued([globex])]).when(revoke()).thenThrows(NotFound));
    it('refuses to revoke twice', () => given([issued([acme]), revoked()]).when(revoke()).thenThrows(Conflict, /already revoked/));
    it('refuses an empty reason', () => given([issued([acme])]).when(revoke(acme, '  ')).thenThrows(Invalid, /reason/));
    it('counts the reason in characters, as every reason is counted: 500 emoji are 500 characters', () => {
      const reason = '😀'.repeat(MAX_REASON_CHARACTERS);
      given([issued([acme])]).when(revoke(acme, reason)).then([{ ...revoked(), data: { ...revoked().data, reason } }]);
      given([issued([acme])]).when(revoke(acme, `${reason}😀`)).thenThrows(Invalid, /reason/);
    });
    it('keeps the reason trimmed', () =>
      given([issued([acme])]).when(revoke(acme, '  发错了邮箱 sent to the wrong address\n')).then([revoked()]));
  });

  describe('a link standing', () => {
    const state = fold(invitationDecider, [issued([acme], '2019-11-02T00:00:00.000Z'), revoked(acme, '2019-11-03T00:00:00.000Z'), issued([acme], '2019-11-04T00:00:00.000Z')]);
    it('stands when issued after the latest revocation', () => expect(linkStanding(state, 'xz-2019', acme, Date.parse('2019-11-04T00:00:00Z'))).toEqual({ valid: true }));
    it('is revoked when issued before it, even after a new link was issued', () =>
      expect(linkStanding(state, 'xz-2019', acme, Date.parse('2019-11-02T00:00:00Z'))).toMatchObject({ valid: false, why: 'revoked' }));
    it('is unknown for an enterprise never invited', () => expect(linkStanding(state, 'xz-2019', globex, Date.now())).toMatchObject({ valid: false, why: 'unknown' }));
    const closesAtMs = Date.parse('2019-12-31T00:00:00Z');
    const limits = (days: number) => ({ closesAtMs, expiresAtMs: closesAtMs + days * 86_400_000 });
    it('stands until its campaign closes plus 30 days', () => expect(linkStanding(state, 'xz-2019', acme, Date.parse('2019-11-04T00:00:00Z'), limits(30))).toEqual({ valid: true }));
    it('is refused when its token outlives the campaign by more than 30 days', () =>
      expect(linkStanding(state, 'xz-2019', acme, Date.parse('2019-11-04T00:00:00Z'), { closesAtMs, expiresAtMs: limits(30).expiresAtMs + 1000 })).toMatchObject({
        valid: false, why: 'outlives-campaign', detail: expect.stringMatching(/more than 30 days after it closes/),
      }));
  });
});
