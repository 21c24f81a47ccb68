import { Query } from '@nestjs/cqrs';
import type { RectificationReport } from '@survey/reporting';

/** The rectification cases' counts and rates of one campaign, per agency and in all, for staff; NotFound for an unknown campaign. */
export class RectificationReportQuery extends Query<RectificationReport> {
  constructor(readonly campaignId: string) {
    super();
  }
}
