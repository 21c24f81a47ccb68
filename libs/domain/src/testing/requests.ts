/**
 * Builders for the request specs: acme asks the city for help on Monday 2019-12-09 10:00
 * Asia/Shanghai (an approval: 15 working days to resolve); the centre dispatches it to the tax
 * bureau on Tuesday 12-10 09:00.
 */
import type { AgencyState } from '../agency';
import type { LoopActor } from '../closed-loop/actor';
import type { EnterpriseState } from '../enterprise';
import { DEFAULT_REQUEST_POLICY, RequestContext } from '../requests/commands';
import type { RequestEvent } from '../requests/events';
import { acme } from './builders';
import { officialCalendar } from './calendar';
import { centre, endOf, local, stamp } from './cases';

export const requestId = '0190a1b2-0000-7000-8000-0000000000aa';
export const acmeRegistered: EnterpriseState = {
  registered: true, creditCode: acme, profile: { name: '徐州某某科技有限公司', district: '鼓楼区', industry: 'C', size: 'small' },
};
export const taxInDirectory: AgencyState = { exists: true, agencyId: 'tax', name: '市税务局' };

export const requestContext = (actor: LoopActor = centre, at = local('2019-12-11 10:00'), extra: Partial<RequestContext> = {}): RequestContext => ({
  now: new Date(at), actor, calendar: officialCalendar(), policy: DEFAULT_REQUEST_POLICY, ...extra,
});

export const received = (category = 'approval', channel: '12345' | 'online' = 'online'): RequestEvent => ({
  type: 'RequestReceived',
  data: {
    requestId, creditCode: acme, channel, category, title: '办理施工许可', description: '材料已齐，希望尽快办理', suggestedAgencyId: null,
    dispatchDue: endOf('2019-12-10'), calendar: stamp, at: local('2019-12-09 10:00'),
  },
});
/** 15 working days from Tue 12-10 end on Tue 12-31; 5 (a consultation) on Tue 12-17. */
export const dispatched = (agencyId = 'tax', resolveDue = endOf('2019-12-31'), at = local('2019-12-10 09:00'), acceptDue = endOf('2019-12-11')): RequestEvent =>
  ({ type: 'RequestDispatched', data: { requestId, agencyId, round: 1, acceptDue, resolveDue, calendar: stamp, at } });
export const accepted = (agencyId = 'tax', at = local('2019-12-11 10:00')): RequestEvent => ({ type: 'RequestAccepted', data: { requestId, agencyId, at } });
export const returned = (agencyId = 'tax', at = local('2019-12-11 10:00'), dispatchDue = endOf('2019-12-12')): RequestEvent =>
  ({ type: 'RequestReturned', data: { requestId, agencyId, reason: '不属于本单位职责', dispatchDue, calendar: stamp, at } });
export const extensionAsked = (workingDays = 5, at = local('2019-12-20 10:00')): RequestEvent =>
  ({ type: 'RequestExtensionAsked', data: { requestId, agencyId: 'tax', workingDays, reason: '需要现场核查', at } });
export const extensionDecided = (granted: boolean, workingDays = 5, resolveDue = granted ? endOf('2020-01-08') : endOf('2019-12-31'), at = local('2019-12-20 15:00')): RequestEvent =>
  ({ type: 'RequestExtensionDecided', data: { requestId, agencyId: 'tax', granted, workingDays, resolveDue, calendar: stamp, at } });
export const resolved = (round = 1, at = local('2019-12-20 10:00'), rateDue = endOf('2019-12-27')): RequestEvent =>
  ({ type: 'RequestResolved', data: { requestId, agencyId: 'tax', round, reply: '已办结，许可证已寄出', rateDue, at } });
export const rated = (level: string, round = 1, at = local('2019-12-23 10:00')): RequestEvent =>
  ({ type: 'ResolutionRated', data: { requestId, agencyId: 'tax', round, level, comment: null, at } });
/** 15 working days from Mon 12-23 (2020-01-01 a holiday) end on Tue 2020-01-14. */
export const requestReopened = (at = local('2019-12-23 10:00'), resolveDue = endOf('2020-01-14')): RequestEvent =>
  ({ type: 'RequestReopened', data: { requestId, agencyId: 'tax', round: 2, resolveDue, calendar: stamp, at } });
export const requestEscalated = (at = local('2020-01-10 10:00')): RequestEvent => ({ type: 'RequestEscalated', data: { requestId, agencyId: 'tax', round: 2, at } });
export const requestClosed = (outcome: 'satisfied' | 'not-rated' | 'escalated-closed' | 'withdrawn' | 'rated', rating: string | null = null, at = local('2019-12-23 10:00'), note: string | null = null): RequestEvent =>
  ({ type: 'RequestClosed', data: { requestId, outcome, rating, note, at } });
export const requestMissed = (deadline: 'dispatch' | 'accept' | 'resolve', due: string, agencyId: string | null, at = due, round = 1): RequestEvent =>
  ({ type: 'RequestDeadlineMissed', data: { requestId, deadline, due, round, agencyId, at } });
