import { Query } from '@nestjs/cqrs';
import type { CampaignView } from './campaign.view';

/**
 * Every campaign from the read model, newest year first, or only `onlyId` (an invitation link's:
 * it is for one campaign and sees no other).
 */
export class ListCampaignsQuery extends Query<{ campaigns: CampaignView[] }> {
  constructor(readonly onlyId?: string) {
    super();
  }
}
