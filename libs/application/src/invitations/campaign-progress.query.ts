import { Query } from '@nestjs/cqrs';
import type { CampaignPhase } from '@survey/domain';

export interface ProgressView {
  campaignId: string;
  status: CampaignPhase;
  invited: number;
  responded: number;
  /** responded ÷ invited in percent, one decimal; null before anyone is invited. */
  responseRate: number | null;
  respondedWithoutInvitation: number;
  agencies: { agencyId: string; name: string; responded: number; responseRate: number | null }[];
  districts: { district: string | null; invited: number; responded: number; responseRate: number | null }[];
  asOf: { position: number; recordedAt: string | null };
}

/** How many of a campaign's invited enterprises have responded, overall, per agency and per district. */
export class CampaignProgressQuery extends Query<ProgressView> {
  constructor(readonly campaignId: string) {
    super();
  }
}
