import { Query } from '@nestjs/cqrs';
import type { Trends } from '@survey/reporting';

/** The satisfaction series over all campaigns: overall (agencyId null) or for one agency. */
export class TrendsQuery extends Query<Trends & { name?: string; asOf: { position: string; recordedAt: string | null } }> {
  constructor(readonly agencyId: string | null) {
    super();
  }
}
