/** The agency directory as a pure fold: the directory's own streams and every campaign's agencies, one document per agency. */
import type { ClosedLoopEvent, SurveyEvent } from '@survey/domain';
import { foldAsStored, recordedLoop } from '../testing/fold-as-stored';
import { AGENCIES, agenciesProjection, AgencyDoc } from './agencies.projection';

const at = '2019-11-01T02:00:00.000Z';
const campaign = (campaignId: string, agencies: { id: string; name: string }[]): SurveyEvent => ({
  type: 'CampaignOpened',
  data: { campaignId, year: 2019, title: campaignId, opensAt: at, closesAt: at, agencies, questions: [], scale: [] },
});
const project = (events: (SurveyEvent | ClosedLoopEvent)[]) => {
  const docs = foldAsStored(agenciesProjection, recordedLoop(events));
  return new Map([...docs].map(([key, doc]) => [key.slice(AGENCIES.length + 1), doc as AgencyDoc]));
};

describe('agencies projection (the directory)', () => {
  it('holds every agency of any campaign, by its latest campaign name, as not registered', () => {
    const docs = project([
      campaign('xz-2018', [{ id: 'tax', name: '地税局' }]),
      campaign('xz-2019', [{ id: 'tax', name: '市税务局' }, { id: 'police', name: '市公安局' }]),
      { type: 'CampaignAgencyAdded', data: { campaignId: 'xz-2019', agencyId: 'courts', name: '市中院' } },
      { type: 'CampaignAgencyRenamed', data: { campaignId: 'xz-2019', agencyId: 'police', name: '公安局', previousName: '市公安局' } },
    ]);
    expect([...docs.keys()].sort()).toEqual(['courts', 'police', 'tax']);
    expect(docs.get('tax')).toEqual({ agencyId: 'tax', name: '市税务局', registered: false, directoryName: null, campaignName: '市税务局' });
    expect(docs.get('police')?.name).toBe('公安局');
  });

  it('lets the directory\'s own name win over any campaign\'s, before and after', () => {
    const docs = project([
      campaign('xz-2019', [{ id: 'tax', name: '市税务局' }]),
      { type: 'AgencyRegistered', data: { agencyId: 'tax', name: '国家税务总局徐州市税务局', at } },
      campaign('xz-2020', [{ id: 'tax', name: '税务局' }]),
      { type: 'AgencyRegistered', data: { agencyId: '__proto__', name: '某局', at } },
      { type: 'AgencyRenamed', data: { agencyId: '__proto__', name: '某某局', previousName: '某局', at } },
    ]);
    expect(docs.get('tax')).toEqual({ agencyId: 'tax', name: '国家税务总局徐州市税务局', registered: true, directoryName: '国家税务总局徐州市税务局', campaignName: '税务局' });
    expect(docs.get('__proto__')).toMatchObject({ name: '某某局', registered: true });
  });

  it('gives the same documents when events are folded twice', () => {
    const events: (SurveyEvent | ClosedLoopEvent)[] = [campaign('xz-2019', [{ id: 'tax', name: '市税务局' }]), { type: 'AgencyRegistered', data: { agencyId: 'tax', name: '税务局', at } }];
    expect(project([...events, ...events])).toEqual(project(events));
  });
});
