import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { campaignDecider, streams } from '@survey/domain';
import { Aggregates } from '../runtime/aggregates';
import { campaignView } from './campaign.view';
import { CloseCampaignCommand } from './close-campaign.command';

@CommandHandler(CloseCampaignCommand)
export class CloseCampaignHandler implements ICommandHandler<CloseCampaignCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ campaignId, meta }: CloseCampaignCommand) {
    const now = this.aggregates.now();
    const command = { type: 'CloseCampaign' as const, data: { campaignId } };
    const { state } = await this.aggregates.execute(streams.campaign(campaignId), campaignDecider, command, () => ({ now }), meta);
    if (!state.exists) throw new Error('unreachable: closed a campaign that does not exist');
    return campaignView(state.definition, state.closedAt, state.publishedAt, now);
  }
}
