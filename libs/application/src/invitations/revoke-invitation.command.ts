import { Command } from '@nestjs/cqrs';
import type { RevokeInvitation } from '@survey/domain';
import type { CommandMeta } from '../runtime/command-meta';

/** Revokes one enterprise's links to a campaign issued until now (a later invitation gives it new ones). */
export class RevokeInvitationCommand extends Command<{ campaignId: string; creditCode: string; revokedAt: string }> {
  constructor(readonly data: RevokeInvitation['data'], readonly meta: CommandMeta) {
    super();
  }
}
