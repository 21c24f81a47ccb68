import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { campaignDecider, streams } from '@survey/domain';
import { Aggregates } from '../runtime/aggregates';
import { campaignView } from './campaign.view';
import { OpenCampaignCommand } from './open-campaign.command';

@CommandHandler(OpenCampaignCommand)
export class OpenCampaignHandler implements ICommandHandler<OpenCampaignCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ data, meta }: OpenCampaignCommand) {
    const now = this.aggregates.now();
    const { state } = await this.aggregates.execute(streams.campaign(data.campaignId), campaignDecider, { type: 'OpenCampaign', data }, () => ({ now }), meta);
    if (!state.exists) throw new Error('unreachable: campaign not opened');
    return campaignView(state.definition, state.closedAt, state.publishedAt, now);
  }
}
