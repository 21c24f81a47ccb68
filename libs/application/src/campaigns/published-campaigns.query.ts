import { Query } from '@nestjs/cqrs';

/** Only what publishing made public is named here; the figures are PublicResultsQuery's. */
export interface PublishedCampaign {
  id: string;
  year: number;
  title: string;
  publishedAt: string;
}

/** The campaigns that have published results, newest year first, for anyone (the public page's picker). */
export class PublishedCampaignsQuery extends Query<{ campaigns: PublishedCampaign[] }> {}
