/** A request after its answer: rating, reopening, escalation, withdrawal, closings, missed deadlines, and who sees it. */
import type { LoopActor } from '../closed-loop/actor';
import { requestDeadlineMissedEventId } from '../closed-loop/missed-deadline-id';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors';
import { centre, endOf, local, otherEnterprise, policeAgency, system, taxAgency, theEnterprise } from '../testing/cases';
import { specFor } from '../testing/given';
import {
  accepted, dispatched, extensionAsked, extensionDecided, rated, received, requestClosed, requestContext, requestEscalated, requestId, requestMissed,
  requestReopened, resolved, returned,
} from '../testing/requests';
import type { RequestCommand } from './commands';
import { missedRequestDeadlines, nextRequestDue, pendingRequestDeadlines, rateDue } from './deadlines';
import { requestDecider } from './decider';
import type { RequestEvent } from './events';
import { FiledRequest } from './state';

const given = specFor(requestDecider, () => requestContext());
const by = (actor: LoopActor, at: string) => requestContext(actor, local(at));
const rate = (level: string, comment: string | null = null): RequestCommand => ({ type: 'RateResolution', data: { requestId, level, comment } });
const withdraw = (reason: string | null = null): RequestCommand => ({ type: 'WithdrawRequest', data: { requestId, reason } });
const closeEscalated = (note = '已协调解决'): RequestCommand => ({ type: 'CloseEscalatedRequest', data: { requestId, note } });
const closeUnrated: RequestCommand = { type: 'CloseUnratedRequest', data: { requestId } };
const markMissed = (deadline: 'dispatch' | 'accept' | 'resolve', due: string): RequestCommand => ({ type: 'MarkRequestDeadlineMissed', data: { requestId, deadline, due } });
const answered = [received(), dispatched(), accepted(), resolved()];
const round2Answered = [...answered, rated('dissatisfied'), requestReopened(), resolved(2, local('2020-01-06 10:00'), endOf('2020-01-13'))];
const state = (...events: RequestEvent[]) => events.reduce(requestDecider.evolve, requestDecider.initialState()) as FiledRequest;

describe('request: rating and closing', () => {
  describe('rating the answer', () => {
    it('satisfied closes the request satisfied', () =>
      given(answered).when(rate('very_satisfied'), by(theEnterprise, '2019-12-23 10:00')).then([rated('very_satisfied'), requestClosed('satisfied', 'very_satisfied')]));
    it('neither satisfied nor negative closes it rated (never counted as satisfied)', () =>
      given(answered).when(rate('basically_satisfied'), by(theEnterprise, '2019-12-23 10:00')).then([rated('basically_satisfied'), requestClosed('rated', 'basically_satisfied')]));
    it('negative in round 1 sends it back to the agency: round 2, a new resolve deadline', () =>
      given(answered).when(rate('dissatisfied'), by(theEnterprise, '2019-12-23 10:00')).then([rated('dissatisfied'), requestReopened()]));
    it('negative in round 2 escalates it to the centre', () =>
      given(round2Answered).when(rate('very_dissatisfied'), by(theEnterprise, '2020-01-10 10:00'))
        .then([rated('very_dissatisfied', 2, local('2020-01-10 10:00')), requestEscalated()]));
    it('before an answer, or a second time in the round → 409', () => {
      given([received(), dispatched(), accepted()]).when(rate('satisfied'), by(theEnterprise, '2019-12-23 10:00')).thenThrows(Conflict, /once resolved/);
      given([...answered, rated('dissatisfied'), requestReopened()]).when(rate('satisfied'), by(theEnterprise, '2019-12-23 11:00')).thenThrows(Conflict, /once resolved/);
    });
    it('after the 7 days → 409', () => given(answered).when(rate('satisfied'), by(theEnterprise, '2019-12-28 00:00')).thenThrows(Conflict, /closed at/));
    it('a level not on the scale, or a long comment (400)', () => {
      given(answered).when(rate('great'), by(theEnterprise, '2019-12-23 10:00')).thenThrows(Invalid, /level/);
      given(answered).when(rate('satisfied', '评'.repeat(2001)), by(theEnterprise, '2019-12-23 10:00')).thenThrows(Invalid, /comment/);
    });
    it('is the enterprise’s own: 404 for another enterprise, 403 for the centre and the agency', () => {
      given(answered).when(rate('satisfied'), by(otherEnterprise, '2019-12-23 10:00')).thenThrows(NotFound);
      given(answered).when(rate('satisfied'), by(centre, '2019-12-23 10:00')).thenThrows(Forbidden);
      given(answered).when(rate('satisfied'), by(taxAgency, '2019-12-23 10:00')).thenThrows(Forbidden);
    });
  });

  describe('withdrawing', () => {
    const withdrawnWith = (reason: string | null, at: string): RequestEvent[] =>
      [{ type: 'RequestWithdrawn', data: { requestId, reason, at } }, requestClosed('withdrawn', null, at)];
    it.each([
      ['received', [received()]], ['dispatched', [received(), dispatched()]], ['accepted', [received(), dispatched(), accepted()]],
      ['returned', [received(), dispatched(), returned()]], ['reopened', [...answered, rated('dissatisfied'), requestReopened()]],
    ])('before an answer: %s', (_, events) =>
      given(events).when(withdraw(' 已自行解决 '), by(theEnterprise, '2019-12-24 10:00')).then(withdrawnWith('已自行解决', local('2019-12-24 10:00'))));
    it('after an answer, or once escalated → 409', () => {
      given(answered).when(withdraw(), by(theEnterprise, '2019-12-21 10:00')).thenThrows(Conflict, /before it is resolved/);
      given([...round2Answered, rated('dissatisfied', 2), requestEscalated()]).when(withdraw(), by(theEnterprise, '2020-01-11 10:00')).thenThrows(Conflict);
    });
    it('is the enterprise’s own (403 for the centre)', () => given([received()]).when(withdraw(), by(centre, '2019-12-09 11:00')).thenThrows(Forbidden));
  });

  describe('closings', () => {
    const escalatedRequest = [...round2Answered, rated('dissatisfied', 2), requestEscalated()];
    it('the centre closes an escalated request with a note', () =>
      given(escalatedRequest).when(closeEscalated(), by(centre, '2020-01-15 10:00')).then([requestClosed('escalated-closed', null, local('2020-01-15 10:00'), '已协调解决')]));
    it('only an escalated one (409), by the centre only (403), with a note (400)', () => {
      given(answered).when(closeEscalated(), by(centre, '2019-12-21 10:00')).thenThrows(Conflict, /escalated/);
      given(escalatedRequest).when(closeEscalated(), by(taxAgency, '2020-01-15 10:00')).thenThrows(Forbidden);
      given(escalatedRequest).when(closeEscalated(' '), by(centre, '2020-01-15 10:00')).thenThrows(Invalid, /note/);
    });
    it('not rated within 7 natural days: closed not-rated by the scheduler', () =>
      given(answered).when(closeUnrated, by(system, '2019-12-28 00:00')).then([requestClosed('not-rated', null, local('2019-12-28 00:00'))]));
    it('not before the 7 days are over (409), and nothing when rated or not resolved', () => {
      given(answered).when(closeUnrated, by(system, '2019-12-27 23:59')).thenThrows(Conflict, /may be rated until/);
      given([...answered, rated('satisfied'), requestClosed('satisfied', 'satisfied')]).when(closeUnrated, by(system, '2020-02-01 00:00')).then([]);
      given([received(), dispatched()]).when(closeUnrated, by(system, '2020-02-01 00:00')).then([]);
    });
    it('closing unrated requests is the scheduler’s (403)', () => given(answered).when(closeUnrated, by(centre, '2019-12-28 00:00')).thenThrows(Forbidden));
  });

  describe('any step on a closed or withdrawn request → 409', () => {
    const steps: [string, RequestCommand, LoopActor][] = [
      ['rate', rate('satisfied'), theEnterprise], ['withdraw', withdraw(), theEnterprise], ['close', closeEscalated(), centre],
      ['accept', { type: 'AcceptRequest', data: { requestId } }, taxAgency], ['resolve', { type: 'ResolveRequest', data: { requestId, reply: 'x' } }, taxAgency],
      ['dispatch', { type: 'DispatchRequest', data: { requestId, agencyId: 'tax' } }, centre],
    ];
    it.each(steps)('%s', (_, cmd, actor) => {
      given([...answered, rated('satisfied'), requestClosed('satisfied', 'satisfied')]).when(cmd, by(actor, '2019-12-24 10:00')).thenThrows(Conflict, /closed/);
      given([received(), dispatched(), { type: 'RequestWithdrawn', data: { requestId, reason: null, at: local('2019-12-10 10:00') } }, requestClosed('withdrawn')])
        .when(cmd, by(actor, '2019-12-24 10:00')).thenThrows(Conflict, /withdrawn/);
    });
  });

  describe('missed deadlines', () => {
    it('dispatch, then accept and resolve, each recorded with its due time and the agency it was on', () => {
      given([received()]).when(markMissed('dispatch', endOf('2019-12-10')), by(system, '2019-12-11 00:00'))
        .then([requestMissed('dispatch', endOf('2019-12-10'), null, local('2019-12-11 00:00'))]);
      given([received(), dispatched()]).when(markMissed('accept', endOf('2019-12-11')), by(system, '2019-12-12 08:00'))
        .then([requestMissed('accept', endOf('2019-12-11'), 'tax', local('2019-12-12 08:00'))]);
      given([received(), dispatched(), accepted()]).when(markMissed('resolve', endOf('2019-12-31')), by(system, '2020-01-01 00:00'))
        .then([requestMissed('resolve', endOf('2019-12-31'), 'tax', local('2020-01-01 00:00'))]);
    });
    it('once each', () =>
      given([received(), requestMissed('dispatch', endOf('2019-12-10'), null)]).when(markMissed('dispatch', endOf('2019-12-10')), by(system, '2019-12-12 00:00')).then([]));
    it('a new dispatch deadline after a return is a deadline of its own', () => {
      const events = [received(), dispatched(), returned(), requestMissed('dispatch', endOf('2019-12-10'), null)];
      given(events).when(markMissed('dispatch', endOf('2019-12-12')), by(system, '2019-12-13 00:00'))
        .then([requestMissed('dispatch', endOf('2019-12-12'), null, local('2019-12-13 00:00'))]);
      expect(requestDeadlineMissedEventId(requestId, 'dispatch', endOf('2019-12-10'))).not.toBe(requestDeadlineMissedEventId(requestId, 'dispatch', endOf('2019-12-12')));
    });
    it('a granted extension moves the resolve deadline: the old one is nothing, the new one not due yet', () => {
      const events = [received(), dispatched(), accepted(), extensionAsked(), extensionDecided(true)];
      given(events).when(markMissed('resolve', endOf('2019-12-31')), by(system, '2020-01-01 00:00')).then([]);
      given(events).when(markMissed('resolve', endOf('2020-01-08')), by(system, '2020-01-08 23:00')).thenThrows(Conflict, /not due until/);
    });
    it('nothing once the step is done', () =>
      given([received(), dispatched(), accepted()]).when(markMissed('accept', endOf('2019-12-11')), by(system, '2019-12-12 08:00')).then([]));
    it('is the scheduler’s (403)', () => given([received()]).when(markMissed('dispatch', endOf('2019-12-10')), by(centre, '2019-12-11 00:00')).thenThrows(Forbidden));
    it('lists what the scheduler should record and what it waits on', () => {
      expect(missedRequestDeadlines(state(received(), dispatched()), new Date(local('2019-12-12 00:00'))))
        .toEqual([{ deadline: 'accept', due: endOf('2019-12-11'), round: 1, agencyId: 'tax' }]);
      expect(pendingRequestDeadlines(state(...answered))).toEqual([]);
      expect(pendingRequestDeadlines(state(...answered, rated('dissatisfied'), requestReopened())))
        .toEqual([{ deadline: 'resolve', due: endOf('2020-01-14'), round: 2, agencyId: 'tax' }]);
    });
  });

  describe('when the scheduler looks at a request next', () => {
    it('at the earliest deadline not recorded yet, or the rating’s end; never once closed', () => {
      expect(nextRequestDue(state(received()))).toBe(endOf('2019-12-10'));
      expect(nextRequestDue(state(received(), dispatched()))).toBe(endOf('2019-12-11'));
      expect(nextRequestDue(state(received(), dispatched(), requestMissed('accept', endOf('2019-12-11'), 'tax')))).toBe(endOf('2019-12-31'));
      expect(nextRequestDue(state(received(), dispatched(), requestMissed('accept', endOf('2019-12-11'), 'tax'), requestMissed('resolve', endOf('2019-12-31'), 'tax')))).toBeNull();
      expect(nextRequestDue(state(...answered))).toBe(endOf('2019-12-27'));
      expect(nextRequestDue(state(...answered, rated('satisfied')))).toBeNull();
    });
    it('is due by a moment exactly when the scheduler has something to record then', () => {
      const states = [
        state(received()), state(received(), dispatched()), state(received(), dispatched(), accepted()), state(received(), dispatched(), returned()),
        state(received(), dispatched(), requestMissed('accept', endOf('2019-12-11'), 'tax')), state(...answered), state(...round2Answered),
        state(received(), dispatched(), accepted(), extensionAsked(), extensionDecided(true)),
      ];
      const moments = ['2019-12-10 23:59', '2019-12-11 00:00', '2019-12-12 00:00', '2019-12-28 00:00', '2020-01-01 00:00', '2020-01-09 00:00', '2020-01-20 00:00'];
      for (const s of states) {
        for (const moment of moments) {
          const now = new Date(local(moment));
          const closes = rateDue(s);
          const something = missedRequestDeadlines(s, now).length > 0 || (closes !== null && Date.parse(closes) <= now.getTime());
          const next = nextRequestDue(s);
          expect([s.status, moment, next !== null && Date.parse(next) <= now.getTime()]).toEqual([s.status, moment, something]);
        }
      }
    });
  });

  describe('who may see a request', () => {
    it('an agency it was dispatched to before still sees it (403 for steps), any other agency gets 404', () => {
      const events = [received(), dispatched(), returned(), dispatched('police', endOf('2020-01-03'), local('2019-12-12 09:00'), endOf('2019-12-13'))];
      given(events).when({ type: 'ReturnRequest', data: { requestId, reason: 'x' } }, by(taxAgency, '2019-12-12 10:00')).thenThrows(Forbidden, /no longer/);
      given([received(), dispatched()]).when({ type: 'ReturnRequest', data: { requestId, reason: 'x' } }, by(policeAgency, '2019-12-12 10:00')).thenThrows(NotFound);
    });
    it('no agency sees a request not yet dispatched', () =>
      given([received()]).when({ type: 'AcceptRequest', data: { requestId } }, by(taxAgency, '2019-12-09 11:00')).thenThrows(NotFound));
  });
});
