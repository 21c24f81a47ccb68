import { Query } from '@nestjs/cqrs';
import type { HeadlineReport } from '@survey/reporting';

/** The headline as it stood at `at`, from a replay of the log up to then. */
export class CampaignReportAsOfQuery extends Query<HeadlineReport> {
  constructor(readonly campaignId: string, readonly at: Date) {
    super();
  }
}
