import { Query } from '@nestjs/cqrs';
import type { AgencyDetail, HeadlineReport } from '@survey/reporting';

/** The headline as it stood at `at`, from a replay of the log up to then. */
export class CampaignReportAsOfQuery extends Query<HeadlineReport> {
  constructor(readonly campaignId: string, readonly at: Date) {
    super();
  }
}

/** One agency's detail as it stood at `at`, without segment breakdowns. */
export class AgencyReportAsOfQuery extends Query<AgencyDetail> {
  constructor(readonly campaignId: string, readonly agencyId: string, readonly at: Date) {
    super();
  }
}
