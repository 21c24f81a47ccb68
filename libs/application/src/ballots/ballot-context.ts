import { BallotContext, campaignDecider, enterpriseDecider, streams } from '@survey/domain';
import type { Aggregates } from '../runtime/aggregates';

/** How stale another process's change to a campaign or an enterprise may be when a ballot decides. */
export const CONTEXT_MAX_AGE_MS = 1000;

/** What a ballot decision reads besides the ballot: the campaign, the enterprise, the clock. */
export async function ballotContext(aggregates: Aggregates, campaignId: string, creditCode: string): Promise<BallotContext> {
  const [campaign, enterprise] = await Promise.all([
    aggregates.load(streams.campaign(campaignId), campaignDecider, CONTEXT_MAX_AGE_MS),
    aggregates.load(streams.enterprise(creditCode), enterpriseDecider, CONTEXT_MAX_AGE_MS),
  ]);
  return { campaign: campaign.state, enterprise: enterprise.state, now: aggregates.now() };
}
