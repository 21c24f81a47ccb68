/** The case's steps people take, each with its roles, its 409s and its content rules. */
import { MAX_REASON_CHARACTERS } from '../text';
import type { LoopActor } from '../closed-loop/actor';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors';
import {
  analyst, appealDecided, appealed, caseContext, caseId, caseKey, caseOpened, centre, closed, contacted, endOf, escalated, followedUp, local,
  otherEnterprise, policeAgency, reopened, reported, system, taxAgency, theEnterprise,
} from '../testing/cases';
import { specFor } from '../testing/given';
import type { CaseCommand } from './commands';
import { rectificationDecider } from './decider';
import type { RectificationEvent } from './events';
import { appealInvalidationReason, MAX_APPEAL_DECISION_REASON } from './steps';

const given = specFor(rectificationDecider, () => caseContext());
const by = (actor: LoopActor, at = '2019-12-11 10:00') => caseContext(actor, local(at));
const now = local('2019-12-11 10:00');

const contact = (summary = '电话回访', channel = 'phone'): CaseCommand => ({ type: 'RecordContact', data: { caseId, channel: channel as 'phone', summary } });
const reportCommand = (kind = 'rectified', actions = '优化流程'): CaseCommand => ({ type: 'ReportRectification', data: { caseId, kind: kind as 'rectified', actions } });
const followUp = (level: string, comment: string | null = null): CaseCommand => ({ type: 'RateFollowUp', data: { caseId, level, comment } });
const appeal = (reason = '恶意差评'): CaseCommand => ({ type: 'FileAppeal', data: { caseId, reason } });
const decide = (upheld: boolean, reason = '核查属实'): CaseCommand => ({ type: 'DecideAppeal', data: { caseId, upheld, reason } });
const close = (outcome = 'unreachable', note = '三次电话无人接听'): CaseCommand => ({ type: 'CloseCase', data: { caseId, outcome: outcome as 'unreachable', note } });
const closedAs = (outcome: string, followUp: string | null, note: string | null): RectificationEvent =>
  ({ type: 'RectificationCaseClosed', data: { ...caseKey, outcome: outcome as 'rectified', followUp, note, at: now } });
const reportedCase = [caseOpened(), contacted(), reported('rectified')];

describe('rectification case: the steps people take', () => {
  describe('the contact (回访)', () => {
    it('is recorded by the centre, and the case is contacted', () =>
      given([caseOpened()]).when(contact(), by(centre)).then([{ type: 'EnterpriseContacted', data: { ...caseKey, channel: 'phone', summary: '电话回访', at: now } }]));
    it('is recorded by the case’s agency when the enterprise consented', () =>
      given([caseOpened({ contactConsent: true })]).when(contact(' 上门走访 ', 'visit'), by(taxAgency))
        .then([{ type: 'EnterpriseContacted', data: { ...caseKey, channel: 'visit', summary: '上门走访', at: now } }]));
    it('is refused to the case’s agency without consent (403: the centre calls)', () =>
      given([caseOpened()]).when(contact(), by(taxAgency)).thenThrows(Forbidden, /did not consent/));
    it('may be recorded again (a second call), keeping the case where it is', () =>
      given([...reportedCase]).when(contact('再次回访'), by(centre)).then([{ type: 'EnterpriseContacted', data: { ...caseKey, channel: 'phone', summary: '再次回访', at: now } }]));
    it.each([['blank summary', contact('  ')], ['unknown channel', contact('x', 'fax')], ['summary of 2,001 characters', contact('话'.repeat(2001))]])('refuses a %s (400)', (_, cmd) =>
      given([caseOpened()]).when(cmd, by(centre)).thenThrows(Invalid));
  });

  describe('the report', () => {
    it('is the agency’s, after a contact, and gives the enterprise 7 natural days to follow up', () =>
      given([caseOpened(), contacted()]).when(reportCommand('explanation', '政策不允许，已解释'), by(taxAgency, '2019-12-10 10:00'))
        .then([{ type: 'RectificationReported', data: { ...caseKey, round: 1, kind: 'explanation', actions: '政策不允许，已解释', followUpDue: endOf('2019-12-17'), at: local('2019-12-10 10:00') } }]));
    it('before a contact → 409', () => given([caseOpened()]).when(reportCommand(), by(taxAgency)).thenThrows(Conflict, /no recorded contact/));
    it('a second one in the round → 409', () => given(reportedCase).when(reportCommand(), by(taxAgency)).thenThrows(Conflict, /already reported/));
    it('on an escalated case → 409', () =>
      given([...reportedCase, followedUp('dissatisfied'), reopened(), reported('rectified', 2), followedUp('dissatisfied', 2), escalated()])
        .when(reportCommand(), by(taxAgency)).thenThrows(Conflict, /escalated/));
    it('accepts actions of exactly 2,000 characters, counting code points', () => {
      const actions = '改'.repeat(1999) + '😀';
      given([caseOpened(), contacted()]).when(reportCommand('rectified', actions), by(taxAgency))
        .then([{ type: 'RectificationReported', data: { ...caseKey, round: 1, kind: 'rectified', actions, followUpDue: endOf('2019-12-18'), at: now } }]);
    });
    it.each([['actions of 2,001 characters', reportCommand('rectified', '改'.repeat(2001))], ['blank actions', reportCommand('rectified', ' ')], ['unknown kind', reportCommand('fixed')]])('refuses %s (400)', (_, cmd) =>
      given([caseOpened(), contacted()]).when(cmd, by(taxAgency)).thenThrows(Invalid));
    it('is refused to the centre (403)', () => given([caseOpened(), contacted()]).when(reportCommand(), by(centre)).thenThrows(Forbidden, /agency/));
  });

  describe('the follow-up (追评)', () => {
    it('not negative after a `rectified` report closes the case rectified', () =>
      given(reportedCase).when(followUp('satisfied', '好多了'), by(theEnterprise)).then([
        { type: 'FollowUpRated', data: { ...caseKey, round: 1, level: 'satisfied', comment: '好多了', at: now } }, closedAs('rectified', 'satisfied', null)]));
    it('not negative after an explanation closes the case explained (basically satisfied is not negative)', () =>
      given([caseOpened(), contacted(), reported('explanation')]).when(followUp('basically_satisfied'), by(theEnterprise))
        .then([followedUp('basically_satisfied', 1, now), closedAs('explained', 'basically_satisfied', null)]));
    it('negative in round 1 reopens the case: round 2, a new rectify deadline of 15 working days', () =>
      // From Wed 12-11: 12-12..12-31 hold 14 working days; 2020-01-01 is a holiday; 01-02 is the 15th.
      given(reportedCase).when(followUp('dissatisfied'), by(theEnterprise)).then([followedUp('dissatisfied', 1, now), reopened(now, endOf('2020-01-02'))]));
    it('negative in round 2 escalates it to the centre', () =>
      given([...reportedCase, followedUp('dissatisfied'), reopened(), reported('rectified', 2)]).when(followUp('very_dissatisfied'), by(theEnterprise))
        .then([followedUp('very_dissatisfied', 2, now), { type: 'RectificationEscalated', data: { ...caseKey, round: 2, at: now } }]));
    it('before a report → 409', () => given([caseOpened(), contacted()]).when(followUp('satisfied'), by(theEnterprise)).thenThrows(Conflict, /no report/));
    it('in round 2 before its report → 409', () =>
      given([...reportedCase, followedUp('dissatisfied'), reopened()]).when(followUp('satisfied'), by(theEnterprise)).thenThrows(Conflict, /no report/));
    it('a second one in the round → 409', () =>
      given([...reportedCase, followedUp('dissatisfied'), reopened(), reported('rectified', 2), followedUp('dissatisfied', 2), escalated()])
        .when(followUp('satisfied'), by(theEnterprise)).thenThrows(Conflict, /already has its follow-up/));
    it('after the 7 days → 409', () => given(reportedCase).when(followUp('satisfied'), by(theEnterprise, '2019-12-18 00:00')).thenThrows(Conflict, /closed at/));
    it('is the enterprise’s own: another enterprise gets 404, an agency 403', () => {
      given(reportedCase).when(followUp('satisfied'), by(otherEnterprise)).thenThrows(NotFound);
      given(reportedCase).when(followUp('satisfied'), by(taxAgency)).thenThrows(Forbidden);
    });
    it.each([['a level not on the scale', followUp('great')], ['a comment of 2,001 characters', followUp('satisfied', '评'.repeat(2001))]])('refuses %s (400)', (_, cmd) =>
      given(reportedCase).when(cmd, by(theEnterprise)).thenThrows(Invalid));
  });

  describe('the appeal', () => {
    it('is filed by the case’s agency any time while the case is open', () => {
      given([caseOpened()]).when(appeal(), by(taxAgency)).then([{ type: 'AppealFiled', data: { ...caseKey, reason: '恶意差评', at: now } }]);
      given([...reportedCase, followedUp('dissatisfied'), reopened(), reported('rectified', 2), followedUp('dissatisfied', 2), escalated()])
        .when(appeal(), by(taxAgency)).then([{ type: 'AppealFiled', data: { ...caseKey, reason: '恶意差评', at: now } }]);
    });
    it('a second appeal → 409, even after a rejection', () => {
      given([caseOpened(), appealed()]).when(appeal(), by(taxAgency)).thenThrows(Conflict, /already appealed/);
      given([caseOpened(), appealed(), appealDecided(false)]).when(appeal(), by(taxAgency)).thenThrows(Conflict, /already appealed/);
    });
    it('is refused to the centre (403) and a blank reason (400)', () => {
      given([caseOpened()]).when(appeal(), by(centre)).thenThrows(Forbidden);
      given([caseOpened()]).when(appeal(' '), by(taxAgency)).thenThrows(Invalid);
    });
    it('counts its reason as every reason is counted: at most MAX_REASON_CHARACTERS code points (400 over)', () => {
      const longest = '诉'.repeat(MAX_REASON_CHARACTERS - 1) + '😀';
      given([caseOpened()]).when(appeal(longest), by(taxAgency)).then([{ type: 'AppealFiled', data: { ...caseKey, reason: longest, at: now } }]);
      given([caseOpened()]).when(appeal(`${longest}。`), by(taxAgency)).thenThrows(Invalid, /reason/);
    });
    it('upheld: the decision and the case closed appeal-upheld, the reason as note', () =>
      given([caseOpened(), appealed()]).when(decide(true), by(centre)).then([
        { type: 'AppealDecided', data: { ...caseKey, upheld: true, reason: '核查属实', at: now } }, closedAs('appeal-upheld', null, '核查属实')]));
    it('rejected: the decision only, and the case goes on', () => {
      given([caseOpened(), appealed()]).when(decide(false, '证据不足'), by(centre)).then([{ type: 'AppealDecided', data: { ...caseKey, upheld: false, reason: '证据不足', at: now } }]);
      given([caseOpened(), appealed(), appealDecided(false), contacted()]).when(reportCommand(), by(taxAgency))
        .then([{ type: 'RectificationReported', data: { ...caseKey, round: 1, kind: 'rectified', actions: '优化流程', followUpDue: endOf('2019-12-18'), at: now } }]);
    });
    it('no appeal pending → 409', () => {
      given([caseOpened()]).when(decide(true), by(centre)).thenThrows(Conflict, /no appeal pending/);
      given([caseOpened(), appealed(), appealDecided(false)]).when(decide(true), by(centre)).thenThrows(Conflict, /no appeal pending/);
    });
    it('is decided by the centre only (403 for the agency)', () => given([caseOpened(), appealed()]).when(decide(true), by(taxAgency)).thenThrows(Forbidden));
    it('keeps the reason short enough for the ballot’s invalidation', () => {
      const longest = '理'.repeat(MAX_APPEAL_DECISION_REASON);
      expect([...appealInvalidationReason(longest)]).toHaveLength(MAX_REASON_CHARACTERS);
      given([caseOpened(), appealed()]).when(decide(true, longest + '理'), by(centre)).thenThrows(Invalid, /reason/);
    });
  });

  describe('the centre’s closing', () => {
    it.each(['rectified', 'explained', 'unreachable'])('closes any open case %s with a note', (outcome) =>
      given([caseOpened()]).when(close(outcome, '已核实'), by(centre)).then([closedAs(outcome, null, '已核实')]));
    it('closes an escalated case, keeping round 2’s follow-up', () =>
      given([...reportedCase, followedUp('dissatisfied'), reopened(), reported('rectified', 2), followedUp('very_dissatisfied', 2), escalated()])
        .when(close('explained', '督办后解释'), by(centre)).then([closedAs('explained', 'very_dissatisfied', '督办后解释')]));
    it.each([['another outcome', close('appeal-upheld')], ['a blank note', close('unreachable', '')]])('refuses %s (400)', (_, cmd) =>
      given([caseOpened()]).when(cmd, by(centre)).thenThrows(Invalid));
    it('is the centre’s only: the case’s own agency gets 403', () => given([caseOpened()]).when(close(), by(taxAgency)).thenThrows(Forbidden));
  });

  describe('any step on a closed case → 409', () => {
    const steps: [string, CaseCommand, LoopActor][] = [
      ['contact', contact(), centre], ['report', reportCommand(), taxAgency], ['follow-up', followUp('satisfied'), theEnterprise],
      ['appeal', appeal(), taxAgency], ['appeal decision', decide(true), centre], ['close', close(), centre],
    ];
    it.each(steps)('%s', (_, cmd, actor) =>
      given([caseOpened({ contactConsent: true }), contacted(), reported(), appealed(), closed()]).when(cmd, by(actor)).thenThrows(Conflict, /closed/));
  });

  describe('who may see the case at all', () => {
    const steps: [string, CaseCommand][] = [['contact', contact()], ['report', reportCommand()], ['appeal', appeal()], ['follow-up', followUp('satisfied')]];
    it.each(steps)('another agency’s case is 404 for %s, as an unknown one', (_, cmd) => {
      given([caseOpened({ contactConsent: true }), contacted(), reported()]).when(cmd, by(policeAgency)).thenThrows(NotFound, /not found/);
      given([]).when(cmd, by(taxAgency)).thenThrows(NotFound, /not found/);
    });
    it('roles outside the loop get 403', () => given([caseOpened()]).when(contact(), by(analyst)).thenThrows(Forbidden));
    it('system steps are not people’s and people’s are not the system’s', () =>
      given([caseOpened()]).when(contact(), by(system)).thenThrows(Forbidden));
  });
});
