import { Command } from '@nestjs/cqrs';
import type { CampaignChange } from '@survey/domain';
import type { CommandMeta } from '../runtime/command-meta';
import type { CampaignView } from './campaign.view';

/** What a change did: the event it recorded, or nothing (an agency put again under the name it has). */
export type ChangeOutcome = 'extended' | 'added' | 'renamed' | 'unchanged';

/** A later closing, an agency added, or an agency put (added or renamed), while scheduled or open. */
export class ChangeCampaignCommand extends Command<{ outcome: ChangeOutcome; campaign: CampaignView }> {
  constructor(readonly change: CampaignChange, readonly meta: CommandMeta) {
    super();
  }
}
