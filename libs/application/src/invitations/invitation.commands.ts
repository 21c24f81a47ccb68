/** Commands on a campaign's invitations: issue personal links in bulk, revoke one enterprise's. */
import { Command } from '@nestjs/cqrs';
import type { IssueInvitations, RevokeInvitation } from '@survey/domain';
import type { CommandMeta } from '../infrastructure/command-meta';

export interface IssuedInvitations {
  /** Codes that got an InvitationsIssued now; the others already had a standing link. */
  fresh: number;
  /** The time the links of this run are issued at: what their tokens' `inv` claim says. */
  issuedAt: string;
  expiresAt: string;
}

export class IssueInvitationsCommand extends Command<IssuedInvitations> {
  constructor(readonly data: IssueInvitations['data'], readonly meta: CommandMeta) {
    super();
  }
}

export class RevokeInvitationCommand extends Command<{ campaignId: string; creditCode: string; revokedAt: string }> {
  constructor(readonly data: RevokeInvitation['data'], readonly meta: CommandMeta) {
    super();
  }
}
