import { campaignDecider, streams } from '@survey/domain';
import type { Aggregates } from '../runtime/aggregates';

/** What an invitation decision reads besides the invitations stream: the campaign and the clock. */
export async function invitationContext(aggregates: Aggregates, campaignId: string, now = aggregates.now()) {
  const { state } = await aggregates.load(streams.campaign(campaignId), campaignDecider);
  return { campaign: state, now };
}
