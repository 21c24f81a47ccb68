import { Forbidden, NotFound } from '../errors';
import { acme } from '../testing/builders';
import { analyst, centre, endOf, local, otherEnterprise, policeAgency, taxAgency, theEnterprise } from '../testing/cases';
import {
  accepted, dispatched, extensionAsked, extensionDecided, rated, received, requestId, requestReopened, resolved, returned,
} from '../testing/requests';
import type { RequestEvent } from './events';
import { presentRequest, requestListItem, requestRecordOf } from './view';

const as = (role: string) => (event: RequestEvent) => ({ event, actor: { role } });
const names = { enterpriseName: '徐州某某科技有限公司' };
const at = (text: string) => new Date(local(text));
const recordOf = (...events: { event: RequestEvent; actor: { role: string } }[]) => requestRecordOf(events)!;

describe('the request as people read it', () => {
  const record = recordOf(
    as('enterprise')(received()), as('centre')(dispatched()), as('agency')(accepted()), as('agency')(extensionAsked()), as('centre')(extensionDecided(true)),
    as('agency')(resolved()), as('enterprise')(rated('dissatisfied')), as('enterprise')(requestReopened()),
  );

  it('has the contract’s shape, with every step in its history', () => {
    expect(presentRequest(record, centre, at('2019-12-24 10:00'), names)).toEqual({
      requestId, category: 'approval', title: '办理施工许可', description: '材料已齐，希望尽快办理', channel: 'online', agencyId: 'tax',
      status: 'accepted', round: 2, receivedAt: local('2019-12-09 10:00'),
      dispatchDue: endOf('2019-12-10'), acceptDue: endOf('2019-12-11'), resolveDue: endOf('2020-01-14'), overdue: [], extensionAsked: null,
      enterprise: { creditCode: acme, name: '徐州某某科技有限公司' },
      reply: { round: 1, text: '已办结，许可证已寄出', at: local('2019-12-20 10:00') },
      rating: { round: 1, level: 'dissatisfied', comment: null, at: local('2019-12-23 10:00') },
      outcome: null,
      history: [
        { type: 'RequestReceived', at: local('2019-12-09 10:00'), by: 'enterprise', text: '办理施工许可' },
        { type: 'RequestDispatched', at: local('2019-12-10 09:00'), by: 'centre', text: null },
        { type: 'RequestAccepted', at: local('2019-12-11 10:00'), by: 'agency', text: null },
        { type: 'RequestExtensionAsked', at: local('2019-12-20 10:00'), by: 'agency', text: '需要现场核查' },
        { type: 'RequestExtensionDecided', at: local('2019-12-20 15:00'), by: 'centre', text: null },
        { type: 'RequestResolved', at: local('2019-12-20 10:00'), by: 'agency', text: '已办结，许可证已寄出' },
        { type: 'ResolutionRated', at: local('2019-12-23 10:00'), by: 'enterprise', text: null },
        { type: 'RequestReopened', at: local('2019-12-23 10:00'), by: 'enterprise', text: null },
      ],
    });
  });

  it('says the extension ask awaiting the centre, until it is decided', () => {
    const asked = [as('enterprise')(received()), as('centre')(dispatched()), as('agency')(accepted()), as('agency')(extensionAsked(3))];
    expect(presentRequest(recordOf(...asked), centre, at('2019-12-20 12:00')).extensionAsked).toBe(3);
    expect(presentRequest(recordOf(...asked, as('centre')(extensionDecided(false, 3))), centre, at('2019-12-20 16:00')).extensionAsked).toBeNull();
  });

  it('is overdue on the deadlines passed with their step not done', () => {
    const waiting = recordOf(as('enterprise')(received()), as('centre')(dispatched()));
    expect(presentRequest(waiting, centre, at('2019-12-11 23:59')).overdue).toEqual([]);
    expect(presentRequest(waiting, centre, at('2019-12-12 00:00')).overdue).toEqual(['accept']);
    expect(presentRequest(waiting, centre, at('2020-01-01 00:00')).overdue).toEqual(['accept', 'resolve']);
    expect(presentRequest(recordOf(as('enterprise')(received())), centre, at('2019-12-11 00:00')).overdue).toEqual(['dispatch']);
  });

  it('the enterprise is shown to every viewer who may see the request', () => {
    for (const viewer of [centre, taxAgency, theEnterprise]) {
      expect(requestListItem(record, viewer, at('2019-12-24 10:00'), names).enterprise).toEqual({ creditCode: acme, name: '徐州某某科技有限公司' });
    }
  });

  it('an agency it was returned from still reads it; any other agency and another enterprise get 404; other roles 403', () => {
    const moved = recordOf(as('enterprise')(received()), as('centre')(dispatched()), as('agency')(returned()), as('centre')(dispatched('police')));
    expect(presentRequest(moved, taxAgency, at('2019-12-12 10:00')).agencyId).toBe('police');
    expect(() => presentRequest(record, policeAgency, at('2019-12-12 10:00'))).toThrow(NotFound);
    expect(() => presentRequest(record, otherEnterprise, at('2019-12-12 10:00'))).toThrow(NotFound);
    expect(() => presentRequest(record, analyst, at('2019-12-12 10:00'))).toThrow(Forbidden);
  });

  it('a list item has no history', () => expect(requestListItem(record, centre, at('2019-12-24 10:00'))).not.toHaveProperty('history'));
});
