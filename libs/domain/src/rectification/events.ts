/**
 * The events of a rectification case (差评整改), stream `rectification-{caseId}`, where `caseId` is
 * the id of the evaluation event that gave the bad review. Every event carries the case's key
 * (`caseId`, `campaignId`, `agencyId`) so a projection needs no lookup, and `at`, the server time
 * of the step; who took it is the event metadata's actor. Every working-day deadline a step starts
 * is recorded in its event with the calendar it was counted on (natural-day deadlines, such as the
 * seven days to give a follow-up, depend on no calendar data).
 */
import type { CalendarStamp } from '../calendar';

export type CaseKey = { caseId: string; campaignId: string; agencyId: string };
/** The calendar a step's deadlines were counted on; `calendarCovered` false if a day counted lay outside its data. */
export type DeadlineCalendar = CalendarStamp & { calendarCovered: boolean };
/** The evaluation event a case follows: its id and log position. */
export type TriggeredBy = { eventId: string; position: number };

export type ContactChannel = 'phone' | 'visit' | 'online' | 'letter';
export type ReportKind = 'rectified' | 'explanation';
export type CaseDeadline = 'contact' | 'rectify';
export type CaseOutcome =
  | 'rectified' | 'explained' | 'appeal-upheld' | 'rating-improved' | 'rating-withdrawn' | 'rating-invalidated' | 'unreachable';

export type RectificationCaseOpened = {
  type: 'RectificationCaseOpened';
  data: CaseKey & {
    creditCode: string;
    level: string;
    comment: string | null;
    /** question id → level id, as the evaluation gave them. */
    answers: Record<string, string>;
    contactConsent: boolean;
    triggeredBy: TriggeredBy;
    /** When the bad review was recorded: the deadlines count from it, however late the case opens. */
    reviewedAt: string;
    contactDue: string;
    rectifyDue: string;
    calendar: DeadlineCalendar;
    at: string;
  };
};
/** A further negative revision of the same evaluation while the case is open. */
export type RectificationRatingRevised = {
  type: 'RectificationRatingRevised';
  data: CaseKey & { level: string; comment: string | null; answers: Record<string, string>; triggeredBy: TriggeredBy; at: string };
};
export type EnterpriseContacted = { type: 'EnterpriseContacted'; data: CaseKey & { channel: ContactChannel; summary: string; at: string } };
export type RectificationReported = {
  type: 'RectificationReported';
  /** `followUpDue`: the end of the enterprise's seven natural days to rate the fix. */
  data: CaseKey & { round: number; kind: ReportKind; actions: string; followUpDue: string; at: string };
};
export type FollowUpRated = { type: 'FollowUpRated'; data: CaseKey & { round: number; level: string; comment: string | null; at: string } };
/** A negative follow-up in round 1: round 2 with a new rectify deadline. */
export type RectificationReopened = {
  type: 'RectificationReopened';
  data: CaseKey & { round: number; rectifyDue: string; calendar: DeadlineCalendar; at: string };
};
/** A negative follow-up in round 2 (督办): the centre takes the case over. */
export type RectificationEscalated = { type: 'RectificationEscalated'; data: CaseKey & { round: number; at: string } };
export type AppealFiled = { type: 'AppealFiled'; data: CaseKey & { reason: string; at: string } };
export type AppealDecided = { type: 'AppealDecided'; data: CaseKey & { upheld: boolean; reason: string; at: string } };
export type RectificationDeadlineMissed = {
  type: 'RectificationDeadlineMissed';
  data: CaseKey & { deadline: CaseDeadline; due: string; round: number; at: string };
};
export type RectificationCaseClosed = {
  type: 'RectificationCaseClosed';
  /** `followUp`: the level of the current round's follow-up, null when none was given. */
  data: CaseKey & { outcome: CaseOutcome; followUp: string | null; note: string | null; at: string };
};

export type RectificationEvent =
  | RectificationCaseOpened | RectificationRatingRevised | EnterpriseContacted | RectificationReported | FollowUpRated
  | RectificationReopened | RectificationEscalated | AppealFiled | AppealDecided | RectificationDeadlineMissed | RectificationCaseClosed;
