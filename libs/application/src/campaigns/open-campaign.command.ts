import { Command } from '@nestjs/cqrs';
import type { OpenCampaign } from '@survey/domain';
import type { CommandMeta } from '../runtime/command-meta';
import type { CampaignView } from './campaign.view';

export class OpenCampaignCommand extends Command<CampaignView> {
  constructor(readonly data: OpenCampaign['data'], readonly meta: CommandMeta) {
    super();
  }
}
