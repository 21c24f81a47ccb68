import type { LoopActor } from '../closed-loop/actor';
import { Forbidden, NotFound } from '../errors';
import { acme } from '../testing/builders';
import {
  analyst, appealDecided, appealed, caseOpened, centre, closed, contacted, endOf, followedUp, local, otherEnterprise, policeAgency, reopened, reported,
  taxAgency, theEnterprise,
} from '../testing/cases';
import type { RectificationEvent } from './events';
import { caseListItem, caseRecordOf, presentCase } from './view';

const as = (role: string) => (event: RectificationEvent) => ({ event, actor: { role } });
const names = { agencyName: '市税务局', enterpriseName: '徐州某某科技有限公司' };
const recordOf = (...events: { event: RectificationEvent; actor: { role: string } }[]) => caseRecordOf(events)!;
const at = (text: string) => new Date(local(text));

describe('the case as people read it', () => {
  const record = recordOf(
    as('system')(caseOpened({ contactConsent: true })), as('centre')(contacted()), as('agency')(reported('rectified')), as('agency')(appealed()),
    as('centre')(appealDecided(false)), as('enterprise')(followedUp('dissatisfied')), as('enterprise')(reopened()),
  );

  it('has the contract’s shape, with the history of every step, opening first', () => {
    expect(presentCase(record, centre, at('2019-12-12 10:00'), names)).toEqual({
      caseId: caseOpened().data.caseId, campaignId: 'xz-2019', agencyId: 'tax', agencyName: '市税务局', status: 'contacted', round: 2,
      level: 'dissatisfied', comment: '办事拖延', answers: { efficiency: 'very_dissatisfied' }, openedAt: local('2019-12-06 15:00'),
      contactDue: endOf('2019-12-09'), rectifyDue: endOf('2020-01-02'), overdue: [],
      enterprise: { creditCode: acme, name: '徐州某某科技有限公司' },
      report: { round: 1, kind: 'rectified', actions: '优化流程，限时办结', at: local('2019-12-10 10:00') },
      followUp: { round: 1, level: 'dissatisfied', comment: null, at: local('2019-12-11 10:00') },
      appeal: { reason: '恶意差评', at: local('2019-12-09 11:00'), decision: { upheld: false, reason: '证据不足', at: local('2019-12-10 11:00') } },
      outcome: null,
      history: [
        { type: 'RectificationCaseOpened', at: local('2019-12-06 15:00'), by: 'system', text: '办事拖延' },
        { type: 'EnterpriseContacted', at: local('2019-12-09 10:00'), by: 'centre', text: '电话回访，了解情况' },
        { type: 'RectificationReported', at: local('2019-12-10 10:00'), by: 'agency', text: '优化流程，限时办结' },
        { type: 'AppealFiled', at: local('2019-12-09 11:00'), by: 'agency', text: '恶意差评' },
        { type: 'AppealDecided', at: local('2019-12-10 11:00'), by: 'centre', text: '证据不足' },
        { type: 'FollowUpRated', at: local('2019-12-11 10:00'), by: 'enterprise', text: null },
        { type: 'RectificationReopened', at: local('2019-12-11 10:00'), by: 'enterprise', text: null },
      ],
    });
  });

  it('shows the latest report, with its round', () =>
    expect(presentCase(recordOf(as('system')(caseOpened()), as('centre')(contacted()), as('agency')(reported('explanation'))), centre, at('2019-12-11 10:00')).report)
      .toEqual({ round: 1, kind: 'explanation', actions: '优化流程，限时办结', at: local('2019-12-10 10:00') }));

  describe('overdue', () => {
    const open = recordOf(as('system')(caseOpened()));
    it('lists the deadlines passed with their step not done, at the moment asked', () => {
      expect(presentCase(open, centre, at('2019-12-09 23:59')).overdue).toEqual([]);
      expect(presentCase(open, centre, at('2019-12-10 00:00')).overdue).toEqual(['contact']);
      expect(presentCase(open, centre, at('2019-12-28 00:00')).overdue).toEqual(['contact', 'rectify']);
    });
    it('drops a deadline once its step is done, late or not', () =>
      expect(presentCase(recordOf(as('system')(caseOpened()), as('centre')(contacted(local('2019-12-11 10:00')))), centre, at('2019-12-12 00:00')).overdue).toEqual([]));
    it('is empty once closed', () =>
      expect(presentCase(recordOf(as('system')(caseOpened()), as('centre')(closed())), centre, at('2020-02-01 00:00')).overdue).toEqual([]));
  });

  describe('privacy', () => {
    const withoutConsent = recordOf(as('system')(caseOpened()));
    const withConsent = recordOf(as('system')(caseOpened({ contactConsent: true })));
    const enterpriseFor = (r: typeof record, viewer: LoopActor) => presentCase(r, viewer, at('2019-12-09 10:00'), names).enterprise;
    it('an agency without the enterprise’s consent sees enterprise: null, and everything else', () => {
      expect(enterpriseFor(withoutConsent, taxAgency)).toBeNull();
      expect(presentCase(withoutConsent, taxAgency, at('2019-12-09 10:00'))).toMatchObject({ level: 'dissatisfied', comment: '办事拖延', contactDue: endOf('2019-12-09') });
      expect(caseListItem(withoutConsent, taxAgency, at('2019-12-09 10:00'), names).enterprise).toBeNull();
    });
    it('with consent the agency sees the credit code and the name', () =>
      expect(enterpriseFor(withConsent, taxAgency)).toEqual({ creditCode: acme, name: '徐州某某科技有限公司' }));
    it('the centre and the enterprise itself always see it', () => {
      expect(enterpriseFor(withoutConsent, centre)).toEqual({ creditCode: acme, name: '徐州某某科技有限公司' });
      expect(enterpriseFor(withoutConsent, theEnterprise)).toEqual({ creditCode: acme, name: '徐州某某科技有限公司' });
    });
    it('another agency’s or enterprise’s case is NotFound; roles that read no cases are Forbidden', () => {
      expect(() => presentCase(withConsent, policeAgency, at('2019-12-09 10:00'))).toThrow(NotFound);
      expect(() => presentCase(withConsent, otherEnterprise, at('2019-12-09 10:00'))).toThrow(NotFound);
      expect(() => presentCase(withConsent, analyst, at('2019-12-09 10:00'))).toThrow(Forbidden);
    });
    it('a list item is the case without its history', () =>
      expect(caseListItem(withConsent, centre, at('2019-12-09 10:00'))).not.toHaveProperty('history'));
  });

  it('is nothing before the opening', () => expect(caseRecordOf([as('centre')(contacted())])).toBeUndefined());
});
