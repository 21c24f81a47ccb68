/**
 * Builders for the rectification specs: one bad review of the tax bureau by acme on Friday
 * 2019-12-06 15:00 Asia/Shanghai, its case's events and the actors who work on it.
 */
import type { LoopActor } from '../closed-loop/actor';
import { CaseContext, DEFAULT_CASE_POLICY } from '../rectification/commands';
import type { CaseKey, DeadlineCalendar, RectificationEvent, ReportKind } from '../rectification/events';
import { DEFAULT_SCALE } from '../scale';
import { acme } from './builders';
import { endOf, officialCalendar, officialCalendarData, shanghai } from './calendar';

/** A wall-clock time in Asia/Shanghai as an ISO UTC string. */
export const local = (text: string) => shanghai(text).toISOString();
export { endOf };

export const caseId = '0190a1b2-0000-7000-8000-000000000001';
export const caseKey: CaseKey = { caseId, campaignId: 'xz-2019', agencyId: 'tax' };
export const reviewedAt = local('2019-12-06 15:00');
export const stamp: DeadlineCalendar = { name: officialCalendarData.name, version: officialCalendarData.version, calendarCovered: true };

export const centre: LoopActor = { role: 'centre', sub: 'staff-1' };
export const taxAgency: LoopActor = { role: 'agency', sub: 'tax-officer', agencyId: 'tax' };
export const policeAgency: LoopActor = { role: 'agency', sub: 'police-officer', agencyId: 'police' };
export const theEnterprise: LoopActor = { role: 'enterprise', sub: acme };
export const otherEnterprise: LoopActor = { role: 'enterprise', sub: '91350200776049653A' };
export const system: LoopActor = { role: 'system', sub: 'reactor' };
export const analyst: LoopActor = { role: 'analyst', sub: 'a' };

export const caseContext = (actor: LoopActor = centre, at = local('2019-12-09 10:00')): CaseContext => ({
  now: new Date(at), actor, calendar: officialCalendar(), policy: DEFAULT_CASE_POLICY, scale: DEFAULT_SCALE,
});

export const trigger = (position: number) => ({ eventId: `evt-${position}`, position });

export function caseOpened(overrides: { contactConsent?: boolean; level?: string } = {}): RectificationEvent {
  return {
    type: 'RectificationCaseOpened',
    data: {
      ...caseKey, creditCode: acme, level: overrides.level ?? 'dissatisfied', comment: '办事拖延', answers: { efficiency: 'very_dissatisfied' },
      contactConsent: overrides.contactConsent ?? false, triggeredBy: trigger(10), reviewedAt,
      // Friday 12-06 → Monday 12-09 (1 working day); 12-09..12-27 holds 15 working days.
      contactDue: endOf('2019-12-09'), rectifyDue: endOf('2019-12-27'), calendar: stamp, at: local('2019-12-06 15:00'),
    },
  };
}
export const contacted = (at = local('2019-12-09 10:00')): RectificationEvent =>
  ({ type: 'EnterpriseContacted', data: { ...caseKey, channel: 'phone', summary: '电话回访，了解情况', at } });
export const reported = (kind: ReportKind = 'rectified', round = 1, at = local('2019-12-10 10:00'), followUpDue = endOf('2019-12-17')): RectificationEvent =>
  ({ type: 'RectificationReported', data: { ...caseKey, round, kind, actions: '优化流程，限时办结', followUpDue, at } });
export const followedUp = (level: string, round = 1, at = local('2019-12-11 10:00')): RectificationEvent =>
  ({ type: 'FollowUpRated', data: { ...caseKey, round, level, comment: null, at } });
export const reopened = (at = local('2019-12-11 10:00'), rectifyDue = endOf('2020-01-02')): RectificationEvent =>
  ({ type: 'RectificationReopened', data: { ...caseKey, round: 2, rectifyDue, calendar: stamp, at } });
export const escalated = (at = local('2019-12-20 10:00')): RectificationEvent =>
  ({ type: 'RectificationEscalated', data: { ...caseKey, round: 2, at } });
export const appealed = (at = local('2019-12-09 11:00')): RectificationEvent =>
  ({ type: 'AppealFiled', data: { ...caseKey, reason: '恶意差评', at } });
export const appealDecided = (upheld: boolean, at = local('2019-12-10 11:00')): RectificationEvent =>
  ({ type: 'AppealDecided', data: { ...caseKey, upheld, reason: upheld ? '评价与事实不符' : '证据不足', at } });
export const missed = (deadline: 'contact' | 'rectify', round = 1, due = deadline === 'contact' ? endOf('2019-12-09') : endOf('2019-12-27'), at = due): RectificationEvent =>
  ({ type: 'RectificationDeadlineMissed', data: { ...caseKey, deadline, due, round, at } });
export const closed = (outcome: 'rectified' | 'unreachable' = 'unreachable', at = local('2019-12-12 10:00')): RectificationEvent =>
  ({ type: 'RectificationCaseClosed', data: { ...caseKey, outcome, followUp: null, note: '多次联系未果', at } });
