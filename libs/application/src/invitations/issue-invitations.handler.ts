/** load the invitations stream → decide (with the campaign and the clock) → append, a part at a time. */
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { INVITATIONS_PER_EVENT, invitationDecider, invitationExpiry, InvitationsIssued, streams } from '@survey/domain';
import { Aggregates } from '../runtime/aggregates';
import { invitationContext } from './invitation-context';
import { IssueInvitationsCommand } from './issue-invitations.command';

/**
 * Codes decided and appended at a time: 20 events of 1,000 codes, about 0.45 MB, well under the
 * 1 MiB one append may carry (MAX_APPEND_BYTES; 60,512 codes in one append were 1.3 MB). Each part
 * is its own decision at the revision it read, so a run cut short leaves whole parts, and running
 * it again issues only the codes without a standing link: the parts are idempotent by the rule
 * the decider already has.
 */
export const INVITATIONS_PER_APPEND = 20 * INVITATIONS_PER_EVENT;

@CommandHandler(IssueInvitationsCommand)
export class IssueInvitationsHandler implements ICommandHandler<IssueInvitationsCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ data, meta }: IssueInvitationsCommand) {
    // One clock reading for every part: the links of one run share their `inv` time.
    const now = this.aggregates.now();
    const issuedAt = now.toISOString();
    const issued: InvitationsIssued[] = [];
    const codes = data.creditCodes.length === 0 ? [[]] : chunks(data.creditCodes, INVITATIONS_PER_APPEND);
    for (const creditCodes of codes) {
      const { events } = await this.aggregates.execute(
        streams.invitations(data.campaignId), invitationDecider, { type: 'IssueInvitations', data: { ...data, creditCodes } },
        () => invitationContext(this.aggregates, data.campaignId, now), meta,
      );
      issued.push(...(events as InvitationsIssued[]));
    }
    const fresh = issued.reduce((n, e) => n + e.data.creditCodes.length, 0);
    // The decision passed, so the campaign exists; every code asked for now has a link expiring then.
    const { campaign } = await invitationContext(this.aggregates, data.campaignId);
    const expiresAt = campaign.exists ? invitationExpiry(Date.parse(campaign.definition.closesAt), data.graceDays) : issuedAt;
    return { fresh, issuedAt: issued[0]?.data.issuedAt ?? issuedAt, expiresAt };
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}
