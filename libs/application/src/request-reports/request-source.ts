/**
 * Reading the `request-reports` projection for both requests reports, at one checkpoint
 * (../projections/one-checkpoint.ts): the day counts whose ids start with a prefix (a year's, when
 * the span lies within one), and for the staff report the open requests and the directory's names.
 * The categories listed first are the deployment's, in their order.
 */
import { AGENCIES, AgencyDoc, DocumentReads, OpenRequestDoc, REQUEST_REPORT, RequestAgencyDoc, RequestDayDoc, requestReportsProjection } from '@survey/read-models';
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
    const [days, open, registered, directory] = await Promise.all([
      reads.list<RequestDayDoc>(REQUEST_REPORT.days, dayPrefixOf(from, to)),
      reads.list<OpenRequestDoc>(REQUEST_REPORT.open),
      reads.list<RequestAgencyDoc>(REQUEST_REPORT.agencies),
      reads.list<AgencyDoc>(AGENCIES),
    ]);
    return { from, to, agencies: directoryAgencies(directory, registered), categories, days, open };
  });
}

/**
 * The agencies the report lists, by id: the directory's read model, which holds every agency of any
 * campaign (CLOSED-LOOP.md), and the names the requests' own projection folded from the directory's
 * events (they win: that projection is the report's checkpoint, the directory's may lag a little).
 * A Map, since ids are user text.
 */
function directoryAgencies(directory: AgencyDoc[], registered: RequestAgencyDoc[]): { agencyId: string; name: string }[] {
  const names = new Map(directory.map((a): [string, string] => [a.agencyId, a.name]));
  for (const { agencyId, name } of registered) names.set(agencyId, name);
  return [...names].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([agencyId, name]) => ({ agencyId, name }));
}
