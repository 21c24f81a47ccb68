/** How a campaign is shown over HTTP, with its status by the server clock. */
import { CampaignDefinition, campaignPhase, CampaignPhase } from '@survey/domain';

export interface CampaignView {
  id: string;
  year: number;
  title: string;
  opensAt: string;
  closesAt: string;
  status: CampaignPhase;
  closedAt: string | null;
  publishedAt: string | null;
  agencies: CampaignDefinition['agencies'];
  questions: CampaignDefinition['questions'];
  scale: CampaignDefinition['scale'];
}

/** Campaigns are listed by year, the latest first, then by id. */
export const newestFirst = (a: { year: number; id: string }, b: { year: number; id: string }): number => b.year - a.year || (a.id < b.id ? -1 : 1);

export function campaignView(definition: CampaignDefinition, closedAt: string | null, publishedAt: string | null, now: Date): CampaignView {
  const { campaignId, year, title, opensAt, closesAt, agencies, questions, scale } = definition;
  const status = campaignPhase({ exists: true, definition, closedAt, publishedAt }, now);
  return { id: campaignId, year, title, opensAt, closesAt, status, closedAt, publishedAt, agencies, questions, scale };
}
