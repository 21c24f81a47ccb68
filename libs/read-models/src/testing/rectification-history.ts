/**
 * Rectification case histories for the `rectification` projection's specs, from the domain's case
 * builders (acme's bad review of Friday 2019-12-06 15:00 Asia/Shanghai: contact due 2019-12-09
 * 24:00, rectify due 2019-12-27 24:00), moved onto cases, agencies and campaigns of their own.
 * TAX_CASES_COUNTS are worked out by hand from the comments beside each case.
 */
import { caseEvents, endOf, opened } from '@survey/domain/testing';
import type { CaseKey, CampaignOpened, RectificationEvent } from '@survey/domain';

const { caseOpened, contacted, reported, followedUp, reopened, appealed, appealDecided, missed, local } = caseEvents;

/** The builders' events moved onto another case (and agency, campaign). */
export const on = (key: Partial<CaseKey>, ...events: RectificationEvent[]): RectificationEvent[] =>
  events.map((e) => ({ ...e, data: { ...e.data, ...key } }) as RectificationEvent);

export const closedAs = (outcome: 'rectified' | 'explained' | 'appeal-upheld' | 'unreachable', followUp: string | null, at: string): RectificationEvent =>
  ({ type: 'RectificationCaseClosed', data: { ...caseEvents.caseKey, outcome, followUp, note: null, at } });

export const caseCampaign = (campaignId = 'xz-2019'): CampaignOpened =>
  opened(campaignId, { agencies: [{ id: 'tax', name: '市税务局' }, { id: 'constructor', name: '构造局' }, { id: 'police', name: '市公安局' }] });

/** Six cases of the tax bureau, each a different path (ids `a`–`f`, or `prefix` + letter). */
export const taxCases = (prefix = ''): RectificationEvent[] => [
  // a: contacted, reported on time, a satisfied follow-up, closed rectified.
  ...on({ caseId: `${prefix}a` }, caseOpened(), contacted(), reported(), followedUp('satisfied'), closedAs('rectified', 'satisfied', local('2019-12-11 10:00'))),
  // b: contact missed (recorded), contacted late, report missed (recorded) then late, a basically-satisfied follow-up (not satisfied), closed explained.
  ...on({ caseId: `${prefix}b` }, caseOpened(), missed('contact'), contacted(local('2019-12-10 09:00')), missed('rectify'),
    reported('explanation', 1, local('2019-12-30 10:00'), endOf('2020-01-06')), followedUp('basically_satisfied', 1, local('2019-12-31 10:00')),
    closedAs('explained', 'basically_satisfied', local('2019-12-31 10:00'))),
  // c: contacted twice, reported on time, dissatisfied → round 2, reported again, very satisfied in round 2, closed rectified.
  ...on({ caseId: `${prefix}c` }, caseOpened(), contacted(), contacted(local('2019-12-12 10:00')), reported(), followedUp('dissatisfied'), reopened(),
    reported('rectified', 2, local('2019-12-20 10:00'), endOf('2019-12-27')), followedUp('very_satisfied', 2, local('2019-12-21 10:00')),
    closedAs('rectified', 'very_satisfied', local('2019-12-21 10:00'))),
  // d: appealed and upheld before any contact.
  ...on({ caseId: `${prefix}d` }, caseOpened(), appealed(), appealDecided(true), closedAs('appeal-upheld', null, local('2019-12-10 11:00'))),
  // e: nothing done yet: waits on its contact (due 12-09 24:00) and its rectification (12-27 24:00).
  ...on({ caseId: `${prefix}e` }, caseOpened()),
  // f: contacted on time, the rectify deadline missed (recorded), still open: waits on its rectification.
  ...on({ caseId: `${prefix}f` }, caseOpened(), contacted(), missed('rectify')),
];

/** The counts of taxCases, by hand. */
export const TAX_CASES_COUNTS = {
  cases: 6,
  contacted: 4, contactedOnTime: 3, contactSettled: 4, // a, c, f on time; b late (and recorded missed: one case, counted once)
  reported: 3, rectifiedOnTime: 2, rectifySettled: 4, // a, c on time; b late; f missed, not reported
  followUps: 3, followUpSatisfied: 2, // a satisfied, c very satisfied in round 2 (dissatisfied in round 1); b basically
  appeals: 1, appealsUpheld: 1,
  closed: 4, closedRectified: 2,
};
