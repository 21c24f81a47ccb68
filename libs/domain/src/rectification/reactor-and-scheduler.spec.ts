/** The case's system steps: opened by the reactor from a bad review, following the evaluation, missed deadlines, no follow-up. */
import { caseDeadlineMissedEventId } from '../closed-loop/missed-deadline-id';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors';
import { acme } from '../testing/builders';
import {
  appealDecided, caseContext, caseId, caseKey, caseOpened, centre, closed, contacted, endOf, escalated, followedUp, local, missed, reopened, reported,
  reviewedAt, stamp, system, taxAgency, trigger,
} from '../testing/cases';
import { specFor } from '../testing/given';
import type { CaseCommand } from './commands';
import { followUpDue, missedCaseDeadlines, nextCaseDue, pendingCaseDeadlines } from './deadlines';
import { rectificationDecider } from './decider';
import type { CaseOutcome, RectificationEvent } from './events';
import { evolveCase, initialCaseState, OpenedCase } from './state';

const given = specFor(rectificationDecider, () => caseContext(system));
const at = (text: string) => caseContext(system, local(text));
const open = (level = 'dissatisfied', contactConsent = false): CaseCommand => ({
  type: 'OpenCase',
  data: { ...caseKey, creditCode: acme, level, comment: '办事拖延', answers: { efficiency: 'very_dissatisfied' }, contactConsent, triggeredBy: trigger(10), reviewedAt },
});
const revise = (level: string, position = 11): CaseCommand =>
  ({ type: 'FollowRating', data: { caseId, triggeredBy: trigger(position), change: 'revised', level, comment: '还是慢', answers: {} } });
const gone = (change: 'withdrawn' | 'invalidated', position = 11): CaseCommand => ({ type: 'FollowRating', data: { caseId, triggeredBy: trigger(position), change } });
const markMissed = (deadline: 'contact' | 'rectify', round = 1): CaseCommand => ({ type: 'MarkCaseDeadlineMissed', data: { caseId, deadline, round } });
const noFollowUp: CaseCommand = { type: 'CloseWithoutFollowUp', data: { caseId } };
const closedAs = (outcome: CaseOutcome, at: string, followUp: string | null = null): RectificationEvent =>
  ({ type: 'RectificationCaseClosed', data: { ...caseKey, outcome, followUp, note: null, at } });
const state = (...events: RectificationEvent[]) => events.reduce(evolveCase, initialCaseState()) as OpenedCase;

describe('rectification case: the reactor and the scheduler', () => {
  describe('opening from a bad review', () => {
    it('opens with the contact due in 1 and the rectification in 15 working days of the review, and the calendar', () =>
      given([]).when(open(), at('2019-12-06 15:00')).then([caseOpened()]));
    it('counts from the review, however late the reactor opens the case', () => {
      const [event] = rectificationDecider.decide(open(), initialCaseState(), at('2019-12-20 09:00'));
      expect(event.data).toMatchObject({ contactDue: endOf('2019-12-09'), rectifyDue: endOf('2019-12-27'), at: local('2019-12-20 09:00') });
    });
    it('takes the deployment’s numbers of working days', () => {
      const context = { ...at('2019-12-06 15:00'), policy: { contactDays: 2, rectifyDays: 5, followUpDays: 7 } };
      const [event] = rectificationDecider.decide(open(), initialCaseState(), context);
      expect(event.data).toMatchObject({ contactDue: endOf('2019-12-10'), rectifyDue: endOf('2019-12-13') });
    });
    it('says when a deadline was counted outside the calendar’s years', () => {
      const late = { ...open(), data: { ...(open().data as object), reviewedAt: local('2020-12-30 10:00') } } as CaseCommand;
      const [event] = rectificationDecider.decide(late, initialCaseState(), at('2020-12-30 10:00'));
      expect(event.data).toMatchObject({ contactDue: endOf('2020-12-31'), calendar: { ...stamp, calendarCovered: false } });
    });
    it('opens nothing twice: a replay of the same review decides nothing', () => given([caseOpened()]).when(open()).then([]));
    it('refuses a level that is not negative', () => given([]).when(open('basically_satisfied')).thenThrows(Invalid, /not a negative level/));
    it('is the reactor’s step only', () => given([]).when(open(), caseContext(centre)).thenThrows(Forbidden));
  });

  describe('following the evaluation while the case is open', () => {
    it('records a further negative revision on the case', () =>
      given([caseOpened()]).when(revise('very_dissatisfied')).then([{
        type: 'RectificationRatingRevised',
        data: { ...caseKey, level: 'very_dissatisfied', comment: '还是慢', answers: {}, triggeredBy: trigger(11), at: local('2019-12-09 10:00') },
      }]));
    it('closes rating-improved on a revision to a non-negative level', () =>
      given([caseOpened(), contacted()]).when(revise('basically_satisfied')).then([closedAs('rating-improved', local('2019-12-09 10:00'))]));
    it.each([['withdrawn', 'rating-withdrawn'], ['invalidated', 'rating-invalidated']] as const)('closes on a %s evaluation', (change, outcome) =>
      given([caseOpened()]).when(gone(change)).then([closedAs(outcome, local('2019-12-09 10:00'))]));
    it('ignores an evaluation event it already followed (a replay)', () => {
      given([caseOpened()]).when(revise('very_dissatisfied', 10)).then([]);
      given([caseOpened(), { type: 'RectificationRatingRevised', data: { ...caseKey, level: 'very_dissatisfied', comment: null, answers: {}, triggeredBy: trigger(11), at: reviewedAt } }])
        .when(gone('withdrawn', 11)).then([]);
    });
    it('changes nothing on a closed case (the ballot’s invalidation after an upheld appeal)', () =>
      given([caseOpened(), { type: 'AppealFiled', data: { ...caseKey, reason: 'x', at: reviewedAt } }, appealDecided(true), closed()])
        .when(gone('invalidated', 20)).then([]));
    it('is the reactor’s step only, on a case that exists', () => {
      given([caseOpened()]).when(revise('satisfied'), caseContext(taxAgency)).thenThrows(Forbidden);
      given([]).when(revise('satisfied')).thenThrows(NotFound);
    });
  });

  describe('missed deadlines', () => {
    it('records the contact deadline missed, with its due time and round', () =>
      given([caseOpened()]).when(markMissed('contact'), at('2019-12-10 00:00')).then([missed('contact', 1, endOf('2019-12-09'), local('2019-12-10 00:00'))]));
    it('is not due before 24:00 local on the last day', () =>
      given([caseOpened()]).when(markMissed('contact'), at('2019-12-09 23:59')).thenThrows(Conflict, /not due until/));
    it('records each deadline and round at most once', () =>
      given([caseOpened(), missed('contact')]).when(markMissed('contact'), at('2019-12-11 00:00')).then([]));
    it('records nothing for a step that was done, even late', () =>
      given([caseOpened(), contacted(local('2019-12-10 09:00'))]).when(markMissed('contact'), at('2019-12-11 00:00')).then([]));
    it('records the rectification of round 1 missed when no report came by its due', () =>
      given([caseOpened(), contacted()]).when(markMissed('rectify'), at('2019-12-28 09:00')).then([missed('rectify', 1, endOf('2019-12-27'), local('2019-12-28 09:00'))]));
    it('records round 2’s rectification apart from round 1’s', () =>
      given([caseOpened(), contacted(), reported(), followedUp('dissatisfied'), reopened(), missed('rectify', 1)])
        .when(markMissed('rectify', 2), at('2020-01-03 00:00')).then([missed('rectify', 2, endOf('2020-01-02'), local('2020-01-03 00:00'))]));
    it('records nothing on a closed case', () =>
      given([caseOpened(), closed()]).when(markMissed('contact'), at('2019-12-20 00:00')).then([]));
    it('is the scheduler’s step only', () =>
      given([caseOpened()]).when(markMissed('contact'), caseContext(centre, local('2019-12-20 00:00'))).thenThrows(Forbidden));
    it('lists what the scheduler should record, and what it waits on', () => {
      const s = state(caseOpened(), missed('contact'));
      expect(missedCaseDeadlines(s, new Date(local('2019-12-28 00:00')))).toEqual([{ deadline: 'rectify', round: 1, due: endOf('2019-12-27') }]);
      expect(pendingCaseDeadlines(state(caseOpened(), contacted(), reported()))).toEqual([]);
    });
    it('is next due at the earliest deadline not recorded yet, or the follow-up’s end; never while waiting on nobody', () => {
      expect(nextCaseDue(state(caseOpened()))).toBe(endOf('2019-12-09'));
      expect(nextCaseDue(state(caseOpened(), missed('contact')))).toBe(endOf('2019-12-27'));
      expect(nextCaseDue(state(caseOpened(), missed('contact'), missed('rectify')))).toBeNull();
      expect(nextCaseDue(state(caseOpened(), contacted(), reported()))).toBe(endOf('2019-12-17'));
      expect(nextCaseDue(state(caseOpened(), contacted(), reported(), followedUp('satisfied')))).toBeNull();
      expect(nextCaseDue(state(caseOpened(), contacted(), reported(), followedUp('dissatisfied'), reopened(), missed('rectify', 1)))).toBe(endOf('2020-01-02'));
      expect(nextCaseDue(state(caseOpened(), closed()))).toBeNull();
    });
    it('is next due by a moment exactly when the scheduler has something to record then (it looks at a case only once due)', () => {
      const states = [
        state(caseOpened()), state(caseOpened(), missed('contact')), state(caseOpened(), missed('contact'), missed('rectify')), state(caseOpened(), contacted()),
        state(caseOpened(), contacted(), reported()), state(caseOpened(), contacted(), reported(), followedUp('dissatisfied'), reopened()),
        state(caseOpened(), escalated()), state(caseOpened(), closed()),
      ];
      const moments = ['2019-12-09 23:59', '2019-12-10 00:00', '2019-12-17 23:59', '2019-12-18 00:00', '2019-12-27 23:59', '2019-12-28 00:00', '2020-01-03 00:00'];
      for (const s of states) {
        for (const moment of moments) {
          const now = new Date(local(moment));
          const follow = followUpDue(s);
          const something = missedCaseDeadlines(s, now).length > 0 || (follow !== null && Date.parse(follow) <= now.getTime());
          const next = nextCaseDue(s);
          expect([s.status, moment, next !== null && Date.parse(next) <= now.getTime()]).toEqual([s.status, moment, something]);
        }
      }
    });
    it('gives each deadline and round one deterministic event id', () => {
      expect(caseDeadlineMissedEventId(caseId, 'contact', 1)).toBe(caseDeadlineMissedEventId(caseId, 'contact', 1));
      expect(caseDeadlineMissedEventId(caseId, 'rectify', 1)).not.toBe(caseDeadlineMissedEventId(caseId, 'rectify', 2));
      expect(caseDeadlineMissedEventId(caseId, 'rectify', 1)).not.toBe(caseDeadlineMissedEventId('other', 'rectify', 1));
      expect(caseDeadlineMissedEventId(caseId, 'contact', 1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
  });

  describe('no follow-up within 7 natural days', () => {
    it('closes by the report’s kind with followUp null once the seven days are over', () => {
      given([caseOpened(), contacted(), reported('rectified')]).when(noFollowUp, at('2019-12-18 00:00')).then([closedAs('rectified', local('2019-12-18 00:00'))]);
      given([caseOpened(), contacted(), reported('explanation')]).when(noFollowUp, at('2019-12-18 00:00')).then([closedAs('explained', local('2019-12-18 00:00'))]);
    });
    it('waits until the seven days are over', () =>
      given([caseOpened(), contacted(), reported()]).when(noFollowUp, at('2019-12-17 23:59')).thenThrows(Conflict, /open until/));
    it('closes round 2 without a follow-up with followUp null too', () =>
      given([caseOpened(), contacted(), reported(), followedUp('dissatisfied'), reopened(), reported('explanation', 2, local('2019-12-20 10:00'), endOf('2019-12-27'))])
        .when(noFollowUp, at('2019-12-28 00:00')).then([closedAs('explained', local('2019-12-28 00:00'))]));
    it('does nothing when no follow-up is awaited, or the case is closed', () => {
      given([caseOpened(), contacted()]).when(noFollowUp, at('2020-03-01 00:00')).then([]);
      given([caseOpened(), contacted(), reported(), closed()]).when(noFollowUp, at('2020-03-01 00:00')).then([]);
    });
  });
});
