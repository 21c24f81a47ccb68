import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { invitationDecider, streams } from '@survey/domain';
import { Aggregates } from '../runtime/aggregates';
import { invitationContext } from './invitation-context';
import { RevokeInvitationCommand } from './revoke-invitation.command';

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
