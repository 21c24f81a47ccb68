/** load the invitations stream → decide (with the campaign and the clock) → append. */
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { campaignDecider, invitationDecider, invitationExpiry, InvitationsIssued, streams } from '@survey/domain';
import { Aggregates } from '../infrastructure/aggregates';
import { IssueInvitationsCommand, RevokeInvitationCommand } from './invitation.commands';

async function invitationContext(aggregates: Aggregates, campaignId: string) {
  const { state } = await aggregates.load(streams.campaign(campaignId), campaignDecider);
  return { campaign: state, now: aggregates.now() };
}

@CommandHandler(IssueInvitationsCommand)
export class IssueInvitationsHandler implements ICommandHandler<IssueInvitationsCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ data, meta }: IssueInvitationsCommand) {
    const issuedAt = this.aggregates.now().toISOString();
    const { events } = await this.aggregates.execute(
      streams.invitations(data.campaignId), invitationDecider, { type: 'IssueInvitations', data },
      () => invitationContext(this.aggregates, data.campaignId), meta,
    );
    const issued = events as InvitationsIssued[];
    const fresh = issued.reduce((n, e) => n + e.data.creditCodes.length, 0);
    // The decision passed, so the campaign exists; every code asked for now has a link expiring then.
    const { campaign } = await invitationContext(this.aggregates, data.campaignId);
    const expiresAt = campaign.exists ? invitationExpiry(Date.parse(campaign.definition.closesAt), data.graceDays) : issuedAt;
    return { fresh, issuedAt: issued[0]?.data.issuedAt ?? issuedAt, expiresAt };
  }
}

@CommandHandler(RevokeInvitationCommand)
export class RevokeInvitationHandler implements ICommandHandler<RevokeInvitationCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ data, meta }: RevokeInvitationCommand) {
    const { events } = await this.aggregates.execute(
      streams.invitations(data.campaignId), invitationDecider, { type: 'RevokeInvitation', data },
      () => invitationContext(this.aggregates, data.campaignId), meta,
    );
    const [revoked] = events;
    if (revoked?.type !== 'InvitationRevoked') throw new Error('unreachable: a revocation appends one InvitationRevoked');
    return { campaignId: data.campaignId, creditCode: data.creditCode, revokedAt: revoked.data.revokedAt };
  }
}
