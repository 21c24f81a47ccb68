import { Query } from '@nestjs/cqrs';
import type { AgencyDetail } from '@survey/reporting';

/** One agency's detail in a campaign, from the live read models. */
export class AgencyReportQuery extends Query<AgencyDetail> {
  constructor(readonly campaignId: string, readonly agencyId: string) {
    super();
  }
}
