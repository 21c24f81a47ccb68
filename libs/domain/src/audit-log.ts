/**
 * The audit-read log: every read an auditor makes (a ballot's history, a verification, this log
 * itself) is recorded as an AuditRead event in the stream of its UTC day, `audit-reads-{YYYY-MM-DD}`.
 * Who and when are the event's metadata (actor, recordedAt); what is its data. Per-day streams
 * keep each stream short and give auditors a natural page: a day.
 */
import { assertNever, Decider } from './decider';
import { Invalid } from './errors';
import type { AuditRead } from './events';

export type RecordAuditRead = { type: 'RecordAuditRead'; data: AuditRead['data'] };
export type AuditLogCommand = RecordAuditRead;
/** Nothing to decide on: a read is always recorded. The count only makes the state observable in specs. */
export type AuditLogState = { reads: number };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC day of a time, as the stream names it. */
export const auditDay = (at: Date): string => at.toISOString().slice(0, 10);

/** Checks a `YYYY-MM-DD` that a caller asks for (a real calendar day); throws Invalid otherwise. */
export function parseAuditDay(day: string): string {
  const m = DAY.exec(day);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!date || auditDay(date) !== day) throw Invalid.because('invalid day', [{ field: 'date', message: 'must be a calendar day as YYYY-MM-DD (UTC)' }]);
  return day;
}

export const auditLogDecider: Decider<AuditLogCommand, AuditRead, AuditLogState, unknown> = {
  initialState: () => ({ reads: 0 }),
  evolve: (state) => ({ reads: state.reads + 1 }),
  decide(command) {
    switch (command.type) {
      case 'RecordAuditRead':
        return [{ type: 'AuditRead', data: command.data }];
      default:
        return assertNever(command.type);
    }
  },
};
