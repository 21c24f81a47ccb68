import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { campaignDecider, streams } from '@survey/domain';
import { Aggregates } from '../runtime/aggregates';
import { campaignView } from './campaign.view';
import { ChangeCampaignCommand, ChangeOutcome } from './change-campaign.command';

const OUTCOME: Record<string, ChangeOutcome> = {
  CampaignClosingExtended: 'extended', CampaignAgencyAdded: 'added', CampaignAgencyRenamed: 'renamed',
};

/**
 * Appends through Aggregates, which keeps the campaign state it cached up to date: the ballot
 * context of this process sees an added agency or a later closing at once (another process within
 * its CONTEXT_MAX_AGE_MS).
 */
@CommandHandler(ChangeCampaignCommand)
export class ChangeCampaignHandler implements ICommandHandler<ChangeCampaignCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ change, meta }: ChangeCampaignCommand) {
    const now = this.aggregates.now();
    const { events, state } = await this.aggregates.execute(streams.campaign(change.data.campaignId), campaignDecider, change, () => ({ now }), meta);
    if (!state.exists) throw new Error('unreachable: changed a campaign that does not exist');
    const outcome = events.length === 0 ? 'unchanged' : OUTCOME[events[0].type];
    return { outcome, campaign: campaignView(state.definition, state.closedAt, state.publishedAt, now) };
  }
}
