import { Query } from '@nestjs/cqrs';
import type { AgencyDetail } from '@survey/reporting';

/** One agency's detail as it stood at `at`, without segment breakdowns. */
export class AgencyReportAsOfQuery extends Query<AgencyDetail> {
  constructor(readonly campaignId: string, readonly agencyId: string, readonly at: Date) {
    super();
  }
}
