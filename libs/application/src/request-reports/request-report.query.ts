import { Query } from '@nestjs/cqrs';
import type { RequestReport } from '@survey/reporting';

/** The requests' counts and rates over a span of local days (each end inclusive, null: unbounded), per agency, category and month, for staff. */
export class RequestReportQuery extends Query<RequestReport> {
  constructor(
    readonly from: string | null,
    readonly to: string | null,
  ) {
    super();
  }
}
