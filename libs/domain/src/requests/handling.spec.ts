/** A request from filing to its answer: receive, dispatch, accept or return, extensions, resolve. */
import type { LoopActor } from '../closed-loop/actor';
import { Conflict, Forbidden, Invalid, NotFound, Unprocessable } from '../errors';
import { acme } from '../testing/builders';
import { MAX_REASON_CHARACTERS } from '../text';
import { analyst, centre, endOf, local, otherEnterprise, policeAgency, stamp, taxAgency, theEnterprise } from '../testing/cases';
import { specFor } from '../testing/given';
import {
  accepted, acmeRegistered, dispatched, extensionAsked, extensionDecided, received, requestContext, requestId, resolved, returned, taxInDirectory,
} from '../testing/requests';
import type { RequestCommand, RequestContext } from './commands';
import { requestDecider } from './decider';
import type { RequestEvent } from './events';

const given = specFor(requestDecider, () => requestContext());
const by = (actor: LoopActor, at: string, extra: Partial<RequestContext> = {}) => requestContext(actor, local(at), extra);
const filing = (actor: LoopActor, at = '2019-12-09 10:00') => by(actor, at, { enterprise: acmeRegistered, agency: taxInDirectory });

const file = (data: Partial<Extract<RequestCommand, { type: 'ReceiveRequest' }>['data']> = {}): RequestCommand =>
  ({ type: 'ReceiveRequest', data: { requestId, category: 'approval', title: ' 办理施工许可 ', description: '材料已齐，希望尽快办理', ...data } });
const dispatch = (agencyId = 'tax'): RequestCommand => ({ type: 'DispatchRequest', data: { requestId, agencyId } });
const accept: RequestCommand = { type: 'AcceptRequest', data: { requestId } };
const giveBack = (reason = '不属于本单位职责'): RequestCommand => ({ type: 'ReturnRequest', data: { requestId, reason } });
const ask = (workingDays = 5, reason = '需要现场核查'): RequestCommand => ({ type: 'AskExtension', data: { requestId, workingDays, reason } });
const decide = (granted: boolean): RequestCommand => ({ type: 'DecideExtension', data: { requestId, granted } });
const resolve = (reply = '已办结，许可证已寄出'): RequestCommand => ({ type: 'ResolveRequest', data: { requestId, reply } });

describe('request: filing and handling', () => {
  describe('receiving', () => {
    it('an enterprise files for itself, online, with the dispatch due in 1 working day', () =>
      given([]).when(file(), filing(theEnterprise)).then([received()]));
    it('the centre files on an enterprise’s behalf with the channel', () =>
      given([]).when(file({ creditCode: acme, channel: '12345' }), filing(centre)).then([received('approval', '12345')]));
    it('records the agency named when filing, if the directory knows it', () => {
      const [event] = requestDecider.decide(file({ agencyId: 'tax' }), requestDecider.initialState(), filing(theEnterprise));
      expect(event.data).toMatchObject({ suggestedAgencyId: 'tax' });
      given([]).when(file({ agencyId: 'zoo' }), filing(theEnterprise)).thenThrows(NotFound, /directory/);
    });
    it('records the hash of what was filed under an Idempotency-Key, and none without one', () => {
      const [withKey] = requestDecider.decide(file({ bodyHash: 'ab12' }), requestDecider.initialState(), filing(theEnterprise));
      expect(withKey.data).toMatchObject({ bodyHash: 'ab12' });
      const [withoutKey] = requestDecider.decide(file(), requestDecider.initialState(), filing(theEnterprise));
      expect(withoutKey.data).not.toHaveProperty('bodyHash');
    });
    it.each([
      ['an unknown category', file({ category: 'weather' }), /category/],
      ['a blank title', file({ title: '  ' }), /title/],
      ['a title of 101 characters', file({ title: '题'.repeat(101) }), /title/],
      ['a description of 2,001 characters', file({ description: '述'.repeat(2001) }), /description/],
      ['a channel from an enterprise', file({ channel: 'phone' }), /channel/],
    ])('refuses %s (400)', (_, cmd, field) => given([]).when(cmd, filing(theEnterprise)).thenThrows(Invalid, field));
    it('accepts a title of exactly 100 characters', () => {
      const [event] = requestDecider.decide(file({ title: '题'.repeat(99) + '😀' }), requestDecider.initialState(), filing(theEnterprise));
      expect(event.data).toMatchObject({ title: '题'.repeat(99) + '😀' });
    });
    it('takes the categories of the deployment', () => {
      const policy = { ...requestContext().policy, categories: ['weather'] };
      given([]).when(file({ category: 'weather' }), { ...filing(theEnterprise), policy }).then([received('weather')]);
    });
    it('the centre must name the enterprise and a channel of its own', () => {
      given([]).when(file({ channel: '12345' }), filing(centre)).thenThrows(Invalid, /creditCode/);
      given([]).when(file({ creditCode: acme, channel: 'fax' }), filing(centre)).thenThrows(Invalid, /channel/);
      given([]).when(file({ creditCode: '91310110666007217X', channel: 'phone' }), filing(centre)).thenThrows(Unprocessable);
    });
    it('an enterprise files only its own requests (403)', () =>
      given([]).when(file({ creditCode: '91350200776049653A' }), filing(theEnterprise)).thenThrows(Forbidden, /own/));
    it('the enterprise must be registered: 403 for itself, 404 for the centre', () => {
      given([]).when(file(), by(theEnterprise, '2019-12-09 10:00', { enterprise: { registered: false } })).thenThrows(Forbidden, /not registered/);
      given([]).when(file({ creditCode: acme, channel: 'phone' }), by(centre, '2019-12-09 10:00', { enterprise: { registered: false } })).thenThrows(NotFound, /not registered/);
    });
    it('agencies and other roles do not file (403)', () => {
      given([]).when(file(), filing(taxAgency)).thenThrows(Forbidden);
      given([]).when(file(), filing(analyst)).thenThrows(Forbidden);
    });
    it('a request id is used once (409)', () => given([received()]).when(file(), filing(theEnterprise)).thenThrows(Conflict, /already exists/));
  });

  describe('dispatching', () => {
    it('the centre dispatches to a known agency: accept due in 1, resolve in 15 working days', () =>
      given([received()]).when(dispatch(), by(centre, '2019-12-10 09:00', { agency: taxInDirectory })).then([dispatched()]));
    it('a consultation is resolved within 5 working days', () =>
      given([received('consultation')]).when(dispatch(), by(centre, '2019-12-10 09:00', { agency: taxInDirectory }))
        .then([dispatched('tax', endOf('2019-12-17'))]));
    it('again after a return', () =>
      // From Thu 12-12: 12-13 (1), 12-16..20 (6), 12-23..27 (11), 12-30, 12-31 (13), 2020-01-02, 01-03 (15)
      given([received(), dispatched(), returned()]).when(dispatch('police'), by(centre, '2019-12-12 09:00', { agency: { exists: true, agencyId: 'police', name: '市公安局' } }))
        .then([dispatched('police', endOf('2020-01-03'), local('2019-12-12 09:00'), endOf('2019-12-13'))]));
    it('an agency the directory does not know → 404', () => {
      given([received()]).when(dispatch('zoo'), by(centre, '2019-12-10 09:00', { agency: { exists: false } })).thenThrows(NotFound, /directory/);
      given([received()]).when(dispatch('zoo'), by(centre, '2019-12-10 09:00', { agency: taxInDirectory })).thenThrows(NotFound, /directory/);
    });
    it('a request already with an agency → 409', () =>
      given([received(), dispatched()]).when(dispatch(), by(centre, '2019-12-10 10:00', { agency: taxInDirectory })).thenThrows(Conflict, /dispatched/));
    it('only the centre dispatches (403)', () =>
      given([received()]).when(dispatch(), by(theEnterprise, '2019-12-10 10:00', { agency: taxInDirectory })).thenThrows(Forbidden));
  });

  describe('accepting or returning', () => {
    it('the agency accepts', () => given([received(), dispatched()]).when(accept, by(taxAgency, '2019-12-11 10:00')).then([accepted()]));
    it('the agency returns it with a reason, and the centre has 1 working day to dispatch again', () =>
      given([received(), dispatched()]).when(giveBack(), by(taxAgency, '2019-12-11 10:00')).then([returned()]));
    it('accepting twice, or returning once accepted → 409', () => {
      given([received(), dispatched(), accepted()]).when(accept, by(taxAgency, '2019-12-11 11:00')).thenThrows(Conflict);
      given([received(), dispatched(), accepted()]).when(giveBack(), by(taxAgency, '2019-12-11 11:00')).thenThrows(Conflict, /before it is accepted/);
    });
    it('a blank reason (400)', () => given([received(), dispatched()]).when(giveBack(' '), by(taxAgency, '2019-12-11 10:00')).thenThrows(Invalid, /reason/));
    it('a reason over MAX_REASON_CHARACTERS, as every reason is counted (400)', () =>
      given([received(), dispatched()]).when(giveBack('退'.repeat(MAX_REASON_CHARACTERS + 1)), by(taxAgency, '2019-12-11 10:00')).thenThrows(Invalid, /reason/));
    it('another agency → 404; the one it was returned from → 403; the centre → 403', () => {
      given([received(), dispatched()]).when(accept, by(policeAgency, '2019-12-11 10:00')).thenThrows(NotFound);
      given([received(), dispatched(), returned(), dispatched('police')]).when(accept, by(taxAgency, '2019-12-12 10:00')).thenThrows(Forbidden, /no longer/);
      given([received(), dispatched()]).when(accept, by(centre, '2019-12-11 10:00')).thenThrows(Forbidden);
    });
  });

  describe('extensions', () => {
    const handling = [received(), dispatched(), accepted()];
    it('the agency asks before the deadline', () => given(handling).when(ask(), by(taxAgency, '2019-12-20 10:00')).then([extensionAsked()]));
    it('after the deadline → 409', () => given(handling).when(ask(), by(taxAgency, '2020-01-01 00:00')).thenThrows(Conflict, /passed/));
    it('one ask at a time → 409', () => given([...handling, extensionAsked()]).when(ask(1), by(taxAgency, '2019-12-20 11:00')).thenThrows(Conflict, /already has an extension asked/));
    it('granted: the deadline moves by the working days asked, from the day it ended', () =>
      // From Tue 12-31: 2020-01-01 is a holiday; 01-02, 01-03, 01-06, 01-07, 01-08.
      given([...handling, extensionAsked()]).when(decide(true), by(centre, '2019-12-20 15:00')).then([extensionDecided(true)]));
    it('refused: the deadline stays', () => given([...handling, extensionAsked()]).when(decide(false), by(centre, '2019-12-20 15:00')).then([extensionDecided(false)]));
    it('up to 30 working days in all (409 beyond)', () => {
      const granted = [...handling, extensionAsked(25), extensionDecided(true, 25, endOf('2020-02-14'))];
      given(granted).when(ask(5), by(taxAgency, '2019-12-21 10:00')).then([extensionAsked(5, local('2019-12-21 10:00'))]);
      given(granted).when(ask(6), by(taxAgency, '2019-12-21 10:00')).thenThrows(Conflict, /at most 30 in all/);
    });
    it.each([[0], [31], [1.5]])('refuses %s working days (400)', (days) => given(handling).when(ask(days), by(taxAgency, '2019-12-20 10:00')).thenThrows(Invalid, /workingDays/));
    it('nothing asked → 409; decided by the centre only (403)', () => {
      given(handling).when(decide(true), by(centre, '2019-12-20 15:00')).thenThrows(Conflict, /no extension asked/);
      given([...handling, extensionAsked()]).when(decide(true), by(taxAgency, '2019-12-20 15:00')).thenThrows(Forbidden);
    });
    it('is asked for an accepted request only (409 before accepting)', () =>
      given([received(), dispatched()]).when(ask(), by(taxAgency, '2019-12-11 10:00')).thenThrows(Conflict, /accepted/));
  });

  describe('resolving', () => {
    it('the agency replies, and the enterprise has 7 natural days to rate', () =>
      given([received(), dispatched(), accepted()]).when(resolve(), by(taxAgency, '2019-12-20 10:00')).then([resolved()]));
    it('an ask not decided lapses with the answer', () => {
      const events = [received(), dispatched(), accepted(), extensionAsked(), resolved()];
      given(events).when(decide(true), by(centre, '2019-12-20 15:00')).thenThrows(Conflict, /no extension asked/);
    });
    it('before accepting, or twice → 409', () => {
      given([received(), dispatched()]).when(resolve(), by(taxAgency, '2019-12-20 10:00')).thenThrows(Conflict, /once accepted/);
      given([received(), dispatched(), accepted(), resolved()]).when(resolve(), by(taxAgency, '2019-12-20 11:00')).thenThrows(Conflict);
    });
    it.each([['blank', ' '], ['2,001 characters', '复'.repeat(2001)]])('refuses a %s reply (400)', (_, reply) =>
      given([received(), dispatched(), accepted()]).when(resolve(reply), by(taxAgency, '2019-12-20 10:00')).thenThrows(Invalid, /reply/));
    it('the enterprise does not resolve (403), another enterprise does not see it (404)', () => {
      given([received(), dispatched(), accepted()]).when(resolve(), by(theEnterprise, '2019-12-20 10:00')).thenThrows(Forbidden);
      given([received(), dispatched(), accepted()]).when(resolve(), by(otherEnterprise, '2019-12-20 10:00')).thenThrows(NotFound);
    });
  });

  it('the fixture’s calendar stamp is what dispatch records', () => {
    const [event] = requestDecider.decide(dispatch(), [received()].reduce(requestDecider.evolve, requestDecider.initialState()), by(centre, '2019-12-10 09:00', { agency: taxInDirectory }));
    expect((event as Extract<RequestEvent, { type: 'RequestDispatched' }>).data.calendar).toEqual(stamp);
  });
});
