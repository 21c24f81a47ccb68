import { campaignDecider } from './campaign';
import type { CampaignState } from './campaign-state';
import type { CampaignChange } from './campaign-changes';
import { fold } from './decider';
import { Conflict, Invalid, NotFound } from './errors';
import { specFor } from './testing/given';
import { campaignAgencyAdded, campaignAgencyRenamed, closed, closingExtended, duringCampaign, opened } from './testing/builders';

const given = specFor(campaignDecider, () => ({ now: duringCampaign }));
const id = 'xz-2019';
const extend = (closesAt: string): CampaignChange => ({ type: 'ExtendClosing', data: { campaignId: id, closesAt } });
const add = (agencyId: string, name: string): CampaignChange => ({ type: 'AddAgency', data: { campaignId: id, agencyId, name } });
const put = (agencyId: string, name: string): CampaignChange => ({ type: 'PutAgency', data: { campaignId: id, agencyId, name } });
const closedEarly = closed(id, '2019-11-10T00:00:00.000Z');
const beforeOpening = new Date('2019-10-01T00:00:00Z');

describe('campaign changes while scheduled or open', () => {
  describe('extending the closing', () => {
    it('records a later closing with the one it replaces', () =>
      given([opened()]).when(extend('2020-01-15T00:00:00+08:00')).then([closingExtended('2020-01-14T16:00:00.000Z')]));
    it('works before the campaign opens too', () =>
      given([opened()]).when(extend('2020-01-15T00:00:00Z'), { now: beforeOpening }).then([closingExtended('2020-01-15T00:00:00.000Z')]));
    it('measures against the latest closing, not the first', () =>
      given([opened(), closingExtended('2020-01-15T00:00:00.000Z')]).when(extend('2020-01-10T00:00:00Z')).thenThrows(Invalid, /later than the current closing, 2020-01-15/));
    it('refuses the same closing or an earlier one', () => {
      given([opened()]).when(extend('2019-12-31T00:00:00Z')).thenThrows(Invalid, /closesAt must be later/);
      given([opened()]).when(extend('2019-12-01T00:00:00Z')).thenThrows(Invalid);
    });
    it('refuses a time that is not ISO 8601', () => given([opened()]).when(extend('next week')).thenThrows(Invalid, /ISO 8601/));
    it('refuses a closed campaign, also one the clock has closed', () => {
      given([opened(), closedEarly]).when(extend('2020-01-15T00:00:00Z')).thenThrows(Conflict, /closed/);
      given([opened()]).when(extend('2020-01-15T00:00:00Z'), { now: new Date('2020-01-01T00:00:00Z') }).thenThrows(Conflict, /closed/);
    });
    it('refuses an unknown campaign', () => given([]).when(extend('2020-01-15T00:00:00Z')).thenThrows(NotFound));
  });

  describe('adding an agency', () => {
    it('adds a new id with its trimmed name', () => given([opened()]).when(add('housing', ' 市住建局 ')).then([campaignAgencyAdded('housing', '市住建局')]));
    it('refuses an id the campaign has, opened with or added since', () => {
      given([opened()]).when(add('tax', '市税务局')).thenThrows(Conflict, /already has an agency tax/);
      given([opened(), campaignAgencyAdded('housing', '市住建局')]).when(add('housing', '另一个')).thenThrows(Conflict);
    });
    it('refuses an empty name or a bad id, naming each field', () => {
      given([opened()]).when(add('housing', '  ')).thenThrows(Invalid, /name must not be empty/);
      given([opened()]).when(add('Housing Bureau', '市住建局')).thenThrows(Invalid, /agencyId/);
    });
    it('refuses a published campaign', () =>
      given([opened(), closedEarly, { type: 'ResultsPublished', data: { campaignId: id, publishedAt: 'x', position: 1, figures: {} } }])
        .when(add('housing', '市住建局')).thenThrows(Conflict, /published/));
  });

  describe('putting an agency (add, rename or nothing)', () => {
    it('adds an unknown id', () => given([opened()]).when(put('housing', '市住建局')).then([campaignAgencyAdded('housing', '市住建局')]));
    it('renames a known id, keeping the old name in the event', () =>
      given([opened()]).when(put('tax', '国家税务总局徐州市税务局')).then([campaignAgencyRenamed('tax', '国家税务总局徐州市税务局', '市税务局')]));
    it('records nothing for the name it already has', () => given([opened(), campaignAgencyRenamed('tax', '新名', '市税务局')]).when(put('tax', '新名 ')).then([]));
    it('refuses a closed campaign', () => given([opened(), closedEarly]).when(put('tax', '新名')).thenThrows(Conflict));
  });

  it('folds the changes into the definition that ballots and views read', () => {
    const taxAndPolice = [{ id: 'tax', name: '市税务局' }, { id: 'police', name: '市公安局' }];
    const state = fold(campaignDecider, [opened(id, { agencies: taxAndPolice }), closingExtended('2020-01-15T00:00:00.000Z'), campaignAgencyAdded('housing', '市住建局'), campaignAgencyRenamed('tax', '新名', '市税务局')]) as CampaignState & { exists: true };
    expect(state.definition.closesAt).toBe('2020-01-15T00:00:00.000Z');
    expect(state.definition.agencies).toEqual([{ id: 'tax', name: '新名' }, { id: 'police', name: '市公安局' }, { id: 'housing', name: '市住建局' }]);
  });
});
