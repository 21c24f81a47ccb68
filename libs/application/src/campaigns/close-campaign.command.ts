import { Command } from '@nestjs/cqrs';
import type { CommandMeta } from '../infrastructure/command-meta';
import type { CampaignView } from './campaign.view';

export class CloseCampaignCommand extends Command<CampaignView> {
  constructor(readonly campaignId: string, readonly meta: CommandMeta) {
    super();
  }
}
