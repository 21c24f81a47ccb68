/**
 * The `rectification` projection as a pure fold, with counts worked out by hand from the case
 * histories below (the domain's case builders: acme's bad review of Friday 2019-12-06 15:00,
 * contact due 2019-12-09 24:00, rectify due 2019-12-27 24:00, Asia/Shanghai).
 */
import { caseEvents, endOf, opened, published } from '@survey/domain/testing';
import type { CaseKey, ClosedLoopEvent, SurveyEvent, RectificationEvent } from '@survey/domain';
import { foldAsStored, recordedLoop } from '../testing/fold-as-stored';
import type { Doc } from '../read-model-store.port';
import { noCaseCounts, OpenCaseDoc, RECTIFICATION as R, RectificationCampaignDoc, RectificationStatsDoc } from './rectification-docs';
import { rectificationProjection } from './rectification.projection';

const { caseOpened, contacted, reported, followedUp, reopened, escalated, appealed, appealDecided, missed, local } = caseEvents;

/** The builders' events moved onto another case (and agency, campaign). */
const on = (key: Partial<CaseKey>, ...events: RectificationEvent[]): RectificationEvent[] =>
  events.map((e) => ({ ...e, data: { ...e.data, ...key } }) as RectificationEvent);
const closedAs = (outcome: 'rectified' | 'explained' | 'appeal-upheld' | 'unreachable', followUp: string | null, at: string): RectificationEvent =>
  ({ type: 'RectificationCaseClosed', data: { ...caseEvents.caseKey, outcome, followUp, note: null, at } });

const project = (events: (SurveyEvent | ClosedLoopEvent)[]) => foldAsStored(rectificationProjection, recordedLoop(events));
const stats = (docs: Map<string, Doc>, agencyId: string, campaignId = 'xz-2019') => docs.get(`${R.stats}|${campaignId}/${agencyId}`) as RectificationStatsDoc;
const openCases = (docs: Map<string, Doc>) => [...docs].filter(([k]) => k.startsWith(`${R.open}|`)).map(([, d]) => d as OpenCaseDoc);

const campaign = opened('xz-2019', { agencies: [{ id: 'tax', name: '市税务局' }, { id: 'constructor', name: '构造局' }] });

/** Six cases of the tax bureau, each a different path. */
const taxCases = [
  // a: contacted, reported on time, a satisfied follow-up, closed rectified.
  ...on({ caseId: 'a' }, caseOpened(), contacted(), reported(), followedUp('satisfied'), closedAs('rectified', 'satisfied', local('2019-12-11 10:00'))),
  // b: contact missed (recorded), contacted late, report missed (recorded) then late, a basically-satisfied follow-up (not satisfied), closed explained.
  ...on({ caseId: 'b' }, caseOpened(), missed('contact'), contacted(local('2019-12-10 09:00')), missed('rectify'),
    reported('explanation', 1, local('2019-12-30 10:00'), endOf('2020-01-06')), followedUp('basically_satisfied', 1, local('2019-12-31 10:00')),
    closedAs('explained', 'basically_satisfied', local('2019-12-31 10:00'))),
  // c: contacted twice, reported on time, dissatisfied → round 2, reported again, very satisfied in round 2, closed rectified.
  ...on({ caseId: 'c' }, caseOpened(), contacted(), contacted(local('2019-12-12 10:00')), reported(), followedUp('dissatisfied'), reopened(),
    reported('rectified', 2, local('2019-12-20 10:00'), endOf('2019-12-27')), followedUp('very_satisfied', 2, local('2019-12-21 10:00')),
    closedAs('rectified', 'very_satisfied', local('2019-12-21 10:00'))),
  // d: appealed and upheld before any contact.
  ...on({ caseId: 'd' }, caseOpened(), appealed(), appealDecided(true), closedAs('appeal-upheld', null, local('2019-12-10 11:00'))),
  // e: nothing done yet.
  ...on({ caseId: 'e' }, caseOpened()),
  // f: contacted on time, the rectify deadline missed (recorded), still open.
  ...on({ caseId: 'f' }, caseOpened(), contacted(), missed('rectify')),
];

describe('rectification projection', () => {
  it('counts every case once per step it ever reached, on time against the dues recorded', () => {
    const docs = project([campaign, ...taxCases]);
    expect(stats(docs, 'tax')).toEqual({
      campaignId: 'xz-2019', agencyId: 'tax', ...noCaseCounts(),
      cases: 6,
      contacted: 4, contactedOnTime: 3, contactSettled: 4, // a, c, f on time; b late (and recorded missed: one case, counted once)
      reported: 3, rectifiedOnTime: 2, rectifySettled: 4, // a, c on time; b late; f missed, not reported
      followUps: 3, followUpSatisfied: 2, // a satisfied, c very satisfied in round 2 (dissatisfied in round 1); b basically
      appeals: 1, appealsUpheld: 1,
      closed: 4, closedRectified: 2,
    });
  });

  it('keeps the open cases with the deadlines they wait on, and forgets a case once it is closed', () => {
    const docs = project([campaign, ...taxCases]);
    expect(openCases(docs).sort((x, y) => x.caseId.localeCompare(y.caseId))).toEqual([
      { caseId: 'e', agencyId: 'tax', dues: [endOf('2019-12-09'), endOf('2019-12-27')] },
      { caseId: 'f', agencyId: 'tax', dues: [endOf('2019-12-27')] },
    ]);
  });

  it('waits on the new rectify due after a reopening, and on nothing once escalated', () => {
    const reopenedCase = project([campaign, ...on({ caseId: 'r' }, caseOpened(), contacted(), reported(), followedUp('dissatisfied'), reopened())]);
    expect(openCases(reopenedCase)).toEqual([{ caseId: 'r', agencyId: 'tax', dues: [endOf('2020-01-02')] }]);
    const escalatedCase = project([campaign, ...on({ caseId: 'r' }, caseOpened(), contacted(), reported(), followedUp('dissatisfied'), reopened(),
      reported('rectified', 2, local('2019-12-20 10:00')), followedUp('very_dissatisfied', 2, local('2019-12-21 10:00')), escalated(local('2019-12-21 10:00')))]);
    expect(openCases(escalatedCase)).toEqual([{ caseId: 'r', agencyId: 'tax', dues: [] }]);
    // Round 2's late report and a second negative follow-up move no on-time counter: round 1 was on time.
    expect(stats(escalatedCase, 'tax')).toMatchObject({ reported: 1, rectifiedOnTime: 1, rectifySettled: 1, followUps: 1, followUpSatisfied: 0 });
  });

  it('judges a follow-up by its campaign\'s scale', () => {
    const scale = [
      { id: 'good', label: '好', score: 100, satisfied: true, negative: false },
      { id: 'fair', label: '一般', score: 50, satisfied: false, negative: false },
      { id: 'poor', label: '差', score: 0, satisfied: false, negative: true },
    ];
    const docs = project([
      opened('own-scale', { scale }),
      ...on({ caseId: 'g', campaignId: 'own-scale' }, caseOpened({ level: 'poor' }), contacted(), reported(), followedUp('good')),
      ...on({ caseId: 'h', campaignId: 'own-scale' }, caseOpened({ level: 'poor' }), contacted(), reported(), followedUp('satisfied')),
    ]);
    // `satisfied` is no level of this scale: only g's `good` counts.
    expect(stats(docs, 'tax', 'own-scale')).toMatchObject({ followUps: 2, followUpSatisfied: 1 });
  });

  it('keeps agencies, names and publication as the campaign events say', () => {
    const docs = project([
      campaign,
      { type: 'CampaignAgencyAdded', data: { campaignId: 'xz-2019', agencyId: 'police', name: '市公安局' } },
      { type: 'CampaignAgencyRenamed', data: { campaignId: 'xz-2019', agencyId: 'tax', name: '国家税务总局徐州市税务局', previousName: '市税务局' } },
      published('xz-2019', 7, {}),
    ]);
    expect(docs.get(`${R.campaigns}|xz-2019`) as RectificationCampaignDoc).toEqual({
      campaignId: 'xz-2019',
      agencies: [{ id: 'tax', name: '国家税务总局徐州市税务局' }, { id: 'constructor', name: '构造局' }, { id: 'police', name: '市公安局' }],
      satisfiedLevels: ['very_satisfied', 'satisfied'],
      publishedAt: '2020-01-10T02:00:00.000Z',
    });
  });

  it('counts ids that spell Object.prototype members like any other', () => {
    const docs = project([
      campaign,
      ...on({ caseId: '__proto__', agencyId: 'constructor' }, caseOpened(), contacted(), appealed(), appealDecided(false)),
      ...on({ caseId: 'constructor', agencyId: 'constructor' }, caseOpened(), contacted(local('2019-12-10 09:00'))),
      ...on({ caseId: 'hasOwnProperty', agencyId: 'constructor' }, caseOpened(), closedAs('unreachable', null, local('2019-12-12 10:00'))),
    ]);
    expect(stats(docs, 'constructor')).toMatchObject({ cases: 3, contacted: 2, contactedOnTime: 1, contactSettled: 2, appeals: 1, appealsUpheld: 0, closed: 1, closedRectified: 0 });
    expect(openCases(docs).map((d) => d.caseId).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(docs.get(`${R.cases}|__proto__`))).toBe(Object.prototype);
  });

  it('ignores the steps of a case it never saw opened, and a second opening', () => {
    const docs = project([campaign, ...on({ caseId: 'x' }, contacted(), reported()), ...on({ caseId: 'y' }, caseOpened(), caseOpened())]);
    expect(stats(docs, 'tax')).toEqual({ campaignId: 'xz-2019', agencyId: 'tax', ...noCaseCounts(), cases: 1 });
  });
});
