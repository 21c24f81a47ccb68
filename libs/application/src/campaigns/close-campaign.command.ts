import { Command } from '@nestjs/cqrs';
import type { CommandMeta } from '../runtime/command-meta';
import type { CampaignView } from './campaign.view';

export class CloseCampaignCommand extends Command<CampaignView> {
  constructor(readonly campaignId: string, readonly meta: CommandMeta) {
    super();
  }
}
