/**
 * What may be asked of a rectification case. The reactor (as `system`) opens a case from a bad
 * review and passes on later changes of that evaluation; the scheduler (as `system`) records missed
 * deadlines and closes cases nobody followed up; people take the other steps. The context brings
 * the clock, the actor, the calendar, the deployment's deadlines and the campaign's scale.
 */
import type { WorkingDayCalendar } from '../calendar';
import type { LoopActor } from '../closed-loop/actor';
import type { Scale } from '../scale';
import type { CaseDeadline, ContactChannel, ReportKind, RectificationCaseOpened, TriggeredBy } from './events';

type Id = { caseId: string };

export type OpenCase = {
  type: 'OpenCase';
  data: Omit<RectificationCaseOpened['data'], 'contactDue' | 'rectifyDue' | 'calendar' | 'at'>;
};
/** The evaluation behind an open case changed: revised to `level`, withdrawn or invalidated. */
export type FollowRating = {
  type: 'FollowRating';
  data: Id & { triggeredBy: TriggeredBy } & (
    | { change: 'revised'; level: string; comment: string | null; answers: Record<string, string> }
    | { change: 'withdrawn' | 'invalidated' }
  );
};
export type RecordContact = { type: 'RecordContact'; data: Id & { channel: ContactChannel; summary: string } };
export type ReportRectification = { type: 'ReportRectification'; data: Id & { kind: ReportKind; actions: string } };
export type RateFollowUp = { type: 'RateFollowUp'; data: Id & { level: string; comment?: string | null } };
export type FileAppeal = { type: 'FileAppeal'; data: Id & { reason: string } };
export type DecideAppeal = { type: 'DecideAppeal'; data: Id & { upheld: boolean; reason: string } };
export type CloseCase = { type: 'CloseCase'; data: Id & { outcome: CentreOutcome; note: string } };
export type MarkCaseDeadlineMissed = { type: 'MarkCaseDeadlineMissed'; data: Id & { deadline: CaseDeadline; round: number } };
/** The seven days to follow up passed with no follow-up: the case closes by the report's kind. */
export type CloseWithoutFollowUp = { type: 'CloseWithoutFollowUp'; data: Id };

export type CaseCommand =
  | OpenCase | FollowRating | RecordContact | ReportRectification | RateFollowUp | FileAppeal | DecideAppeal | CloseCase
  | MarkCaseDeadlineMissed | CloseWithoutFollowUp;

export const CENTRE_OUTCOMES = ['rectified', 'explained', 'unreachable'] as const;
export type CentreOutcome = (typeof CENTRE_OUTCOMES)[number];
export const CONTACT_CHANNELS: readonly ContactChannel[] = ['phone', 'visit', 'online', 'letter'];
export const REPORT_KINDS: readonly ReportKind[] = ['rectified', 'explanation'];

/** Per deployment (CASE_CONTACT_DAYS, CASE_RECTIFY_DAYS); the enterprise's 7 natural days to follow up. */
export interface CasePolicy {
  contactDays: number;
  rectifyDays: number;
  followUpDays: number;
}
export const DEFAULT_CASE_POLICY: CasePolicy = Object.freeze({ contactDays: 1, rectifyDays: 15, followUpDays: 7 });

export interface CaseContext {
  now: Date;
  actor: LoopActor;
  calendar: WorkingDayCalendar;
  policy: CasePolicy;
  /** The scale of the case's campaign: which levels are negative. */
  scale: Scale;
}
