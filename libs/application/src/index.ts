/** What the apps use of the application layer: its modules, and each feature's commands, queries and views. */
// what every process runs on, and the modules its root imports
export * from './runtime/runtime.module';
export * from './projections/projections.module';
export * from './health/health.module';
export * from './campaigns/campaigns.module';
export * from './enterprises/enterprises.module';
export * from './ballots/ballots.module';
export * from './invitations/invitations.module';
export * from './reports/reports.module';
export * from './audit/audit.module';
export * from './imports/imports.module';
export * from './cases/case-processes.module';
export * from './cases/case-reactor';
export * from './cases/case-runtime';
export * from './cases/deadline-scheduler';
export * from './cases/cases.module';
export * from './cases/case-step.command';
export * from './cases/case-step';
export * from './cases/get-case.query';
export * from './cases/list-cases.query';
export * from './rectification-reports/rectification-reports.module';
export * from './request-reports/request-reports.module';
export * from './agencies/agencies.module';
export * from './agencies/put-agency.command';
export * from './agencies/list-agencies.query';
export * from './requests/requests.module';
export * from './requests/file-request.command';
export * from './requests/request-step.command';
export * from './requests/get-request.query';
export * from './requests/list-requests.query';
export * from './requests/request-categories.query';
export { idempotentRequestId, MAX_IDEMPOTENCY_KEY_CHARACTERS } from './requests/idempotent-filing';
export * from './requests/request-runtime';
export * from './notifications/notifications.module';
export * from './config/config';
export * from './config/http-limits';
export * from './config/limits';
export * from './config/observability';
export * from './config/request-config';
export * from './observability/observability.module';
export * from './observability/process-logger';
export * from './observability/metrics.service';
export * from './observability/metrics-endpoint';
export * from './observability/root-logger';
export * from './observability/request-log-scope';
export * from './observability/redaction';
export * from './auth/tokens';
export * from './auth/verified-tokens';
export * from './auth/actor';
export * from './runtime/aggregates';
export * from './runtime/clock';
export * from './runtime/heap-flags';
export * from './runtime/command-meta';
export * from './runtime/pool';
export * from './runtime/stream-series';
export * from './runtime/try-later';
export { markRunning, unmarkRunning, runningProcesses, PIDS_DIR, type RunningProcess } from './runtime/running-mark';
export * from './projections/projections';
export * from './projections/running-projections';
export * from './projections/retry-delay';
export * from './health/log-followers';
export * from './health/readiness';
export * from './seals/sealer';
export * from './calendar/working-day-calendar';
export * from './calendar/calendar-loader';
export * from './replay/replay-pool';

// campaigns
export * from './campaigns/campaign.view';
export * from './campaigns/open-campaign.command';
export * from './campaigns/change-campaign.command';
export * from './campaigns/close-campaign.command';
export * from './campaigns/publish-results.command';
export * from './campaigns/get-campaign.query';
export * from './campaigns/list-campaigns.query';
export * from './campaigns/campaign-history.query';
export * from './campaigns/published-campaigns.query';
// enterprises
export * from './enterprises/register-enterprise.command';
export * from './enterprises/register-enterprises.command';
// ballots
export * from './ballots/submit-evaluation.command';
export * from './ballots/withdraw-evaluation.command';
export * from './ballots/evaluation-steps';
export * from './ballots/my-ballot.query';
export * from './ballots/ballot-history.query';
// invitations, and the response progress measured against them
export * from './invitations/issue-invitations.command';
export * from './invitations/revoke-invitation.command';
export * from './invitations/link-standing.query';
export * from './invitations/directory.query';
export * from './invitations/campaign-progress.query';
export * from './invitations/non-respondents.query';
export * from './invitations/all-non-respondents.query';
// reports
export * from './reports/campaign-report.query';
export * from './reports/agency-report.query';
export * from './reports/campaign-report-as-of.query';
export * from './reports/agency-report-as-of.query';
export * from './reports/campaign-segments.query';
export * from './reports/trends.query';
export * from './reports/public-results.query';
// rectification reports
export * from './rectification-reports/rectification-report.query';
export * from './rectification-reports/public-rectification.query';
// requests reports
export * from './request-reports/request-report.query';
export * from './request-reports/public-requests.query';
// audit
export * from './audit/invalidate-evaluation.command';
export * from './audit/record-audit-read.command';
export * from './audit/list-audit-reads.query';
export * from './audit/verify-published.query';
export * from './audit/compare-figures';
// imports
export * from './imports/csv-header';
export * from './imports/csv-import';
export { enterpriseImport, HEADER_NAMES as ENTERPRISE_HEADER_NAMES } from './imports/enterprise-rows';
export * from './imports/agency-rows';
export * from './imports/upload-import.command';
// notifications
export * from './notifications/list-parked.query';
export * from './notifications/retry-parked.command';
export * from './notifications/notice';
export { signatureOf } from './notifications/webhook';
export { NotificationOutbox } from './notifications/outbox';
export { PARKED, RETRIES_STREAM, type ParkedNotice } from './notifications/parked';
