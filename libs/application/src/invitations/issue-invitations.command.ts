import { Command } from '@nestjs/cqrs';
import type { IssueInvitations } from '@survey/domain';
import type { CommandMeta } from '../runtime/command-meta';

export interface IssuedInvitations {
  /** Codes that got an InvitationsIssued now; the others already had a standing link. */
  fresh: number;
  /** The time the links of this run are issued at: what their tokens' `inv` claim says. */
  issuedAt: string;
  expiresAt: string;
}

/** Personal links for a campaign, in bulk: one InvitationsIssued per part, codes with a standing link left out. */
export class IssueInvitationsCommand extends Command<IssuedInvitations> {
  constructor(readonly data: IssueInvitations['data'], readonly meta: CommandMeta) {
    super();
  }
}
