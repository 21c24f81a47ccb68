import { Command } from '@nestjs/cqrs';
import type { CommandMeta } from '../runtime/command-meta';
import type { CampaignView } from './campaign.view';

export class PublishResultsCommand extends Command<CampaignView & { published: Record<string, unknown> }> {
  constructor(readonly campaignId: string, readonly meta: CommandMeta) {
    super();
  }
}
