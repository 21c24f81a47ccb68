/**
 * The `rectification` projection as a pure fold, with counts worked out by hand from the case
 * histories below (the domain's case builders: acme's bad review of Friday 2019-12-06 15:00,
 * contact due 2019-12-09 24:00, rectify due 2019-12-27 24:00, Asia/Shanghai).
 */
import { caseEvents, endOf, opened, published } from '@survey/domain/testing';
import type { ClosedLoopEvent, SurveyEvent } from '@survey/domain';
import { foldAsStored, recordedLoop } from '../testing/fold-as-stored';
import { caseCampaign, closedAs, on, TAX_CASES_COUNTS, taxCases } from '../testing/rectification-history';
import type { Doc } from '../read-model-store.port';
import { noCaseCounts, OpenCaseDoc, RECTIFICATION as R, RectificationCampaignDoc, RectificationStatsDoc } from './rectification-docs';
import { rectificationProjection } from './rectification.projection';

const { caseOpened, contacted, reported, followedUp, reopened, escalated, appealed, appealDecided, local } = caseEvents;

const project = (events: (SurveyEvent | ClosedLoopEvent)[]) => foldAsStored(rectificationProjection, recordedLoop(events));
const stats = (docs: Map<string, Doc>, agencyId: string, campaignId = 'xz-2019') => docs.get(`${R.stats}|${campaignId}/${agencyId}`) as RectificationStatsDoc;
const openCases = (docs: Map<string, Doc>) => [...docs].filter(([k]) => k.startsWith(`${R.open}|`)).map(([, d]) => d as OpenCaseDoc);

const campaign = caseCampaign();

describe('rectification projection', () => {
  it('counts every case once per step it ever reached, on time against the dues recorded', () => {
    const docs = project([campaign, ...taxCases()]);
    expect(stats(docs, 'tax')).toEqual({ campaignId: 'xz-2019', agencyId: 'tax', ...TAX_CASES_COUNTS });
  });

  it('keeps the open cases with the deadlines they wait on, and forgets a case once it is closed', () => {
    const docs = project([campaign, ...taxCases()]);
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
      { type: 'CampaignAgencyAdded', data: { campaignId: 'xz-2019', agencyId: 'courts', name: '市中级人民法院' } },
      { type: 'CampaignAgencyRenamed', data: { campaignId: 'xz-2019', agencyId: 'tax', name: '国家税务总局徐州市税务局', previousName: '市税务局' } },
      published('xz-2019', 7, {}),
    ]);
    expect(docs.get(`${R.campaigns}|xz-2019`) as RectificationCampaignDoc).toEqual({
      campaignId: 'xz-2019',
      agencies: [{ id: 'tax', name: '国家税务总局徐州市税务局' }, { id: 'constructor', name: '构造局' }, { id: 'police', name: '市公安局' }, { id: 'courts', name: '市中级人民法院' }],
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
