/**
 * Reading the `request-reports` projection for both requests reports, at one checkpoint
 * (../projections/one-checkpoint.ts): the day counts whose ids start with a prefix (a year's, when
 * the span lies within one), and for the staff report the open requests and the directory's names.
 * The categories listed first are the deployment's, in their order.
 */
import { DocumentReads, OpenRequestDoc, REQUEST_REPORT, RequestAgencyDoc, RequestDayDoc, requestReportsProjection } from '@survey/read-models';
import type { RequestReportInput } from '@survey/reporting';
import type { AppConfig } from '../config/config';
import { DEFAULT_REQUEST_CONFIG } from '../config/request-config';
import { atOneCheckpoint } from '../projections/one-checkpoint';

/** The categories listed first, zeros included: the deployment's (../config/request-config.ts). */
export const reportedCategories = (config: AppConfig): readonly string[] => (config.requests ?? DEFAULT_REQUEST_CONFIG).categories.map((c) => c.category);

/** The longest prefix of day ids that every day of the span starts with: its year when from and to share one. */
export function dayPrefixOf(from: string | null, to: string | null): string {
  return from !== null && to !== null && from.slice(0, 5) === to.slice(0, 5) ? from.slice(0, 5) : '';
}

export function requestDays(reads: DocumentReads, prefix: string): Promise<RequestDayDoc[]> {
  return atOneCheckpoint(reads, requestReportsProjection.name, () => reads.list<RequestDayDoc>(REQUEST_REPORT.days, prefix));
}

export function requestReportInput(reads: DocumentReads, categories: readonly string[], from: string | null, to: string | null): Promise<RequestReportInput> {
  return atOneCheckpoint(reads, requestReportsProjection.name, async () => {
    const [days, open, agencies] = await Promise.all([
      reads.list<RequestDayDoc>(REQUEST_REPORT.days, dayPrefixOf(from, to)),
      reads.list<OpenRequestDoc>(REQUEST_REPORT.open),
      reads.list<RequestAgencyDoc>(REQUEST_REPORT.agencies),
    ]);
    return { from, to, agencies: agencies.map(({ agencyId, name }) => ({ agencyId, name })), categories, days, open };
  });
}
