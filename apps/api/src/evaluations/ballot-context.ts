import { BallotContext, campaignDecider, enterpriseDecider, streams } from '@survey/domain';
import type { Aggregates } from '../infrastructure/aggregates';

/** What a ballot decision reads besides the ballot: the campaign, the enterprise, the clock. */
export async function ballotContext(aggregates: Aggregates, campaignId: string, creditCode: string): Promise<BallotContext> {
  const [campaign, enterprise] = await Promise.all([
    aggregates.load(streams.campaign(campaignId), campaignDecider),
    aggregates.load(streams.enterprise(creditCode), enterpriseDecider),
  ]);
  return { campaign: campaign.state, enterprise: enterprise.state, now: aggregates.now() };
}
