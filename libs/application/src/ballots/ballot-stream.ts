/**
 * Ballot reads go to the ballot's own stream, never to a read model: an enterprise sees its write
 * as soon as it is acknowledged, and an auditor sees every event as stored. An unknown campaign is
 * a 404 rather than an empty ballot.
 */
import { campaignDecider, NotFound, streams } from '@survey/domain';
import type { EventStore, RecordedEvent } from '@survey/event-store';
import type { Aggregates } from '../runtime/aggregates';

export async function readBallotStream(store: EventStore, aggregates: Aggregates, campaignId: string, creditCode: string): Promise<RecordedEvent[]> {
  const campaign = await aggregates.load(streams.campaign(campaignId), campaignDecider);
  if (!campaign.state.exists) throw new NotFound(`campaign ${campaignId} not found`);
  return store.readStream(streams.ballot(campaignId, creditCode));
}
