import { Query } from '@nestjs/cqrs';
import type { HeadlineReport } from '@survey/reporting';

export class CampaignReportQuery extends Query<HeadlineReport> {
  constructor(readonly campaignId: string) {
    super();
  }
}
