/**
 * Invitations: issue a campaign's personal links in bulk and revoke one enterprise's, check that a
 * link still stands, read the directory of registered enterprises they go to; and the response
 * progress measured against them (how many of the invited responded, and which have not, for
 * reminders).
 */
import { Module } from '@nestjs/common';
import { AllNonRespondentsHandler } from './all-non-respondents.handler';
import { CampaignProgressHandler } from './campaign-progress.handler';
import { DirectoryHandler } from './directory.handler';
import { IssueInvitationsHandler } from './issue-invitations.handler';
import { LinkStandingHandler } from './link-standing.handler';
import { NonRespondentsHandler } from './non-respondents.handler';
import { RevokeInvitationHandler } from './revoke-invitation.handler';

const commandHandlers = [IssueInvitationsHandler, RevokeInvitationHandler];
const queryHandlers = [LinkStandingHandler, DirectoryHandler, CampaignProgressHandler, NonRespondentsHandler, AllNonRespondentsHandler];

@Module({
  providers: [...commandHandlers, ...queryHandlers],
})
export class InvitationsModule {}
