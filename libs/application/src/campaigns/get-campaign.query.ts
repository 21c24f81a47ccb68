import { Query } from '@nestjs/cqrs';
import type { CampaignView } from './campaign.view';

/** One campaign, read from its own stream: fresh as soon as a write to it is acknowledged. */
export class GetCampaignQuery extends Query<CampaignView> {
  constructor(readonly campaignId: string) {
    super();
  }
}
