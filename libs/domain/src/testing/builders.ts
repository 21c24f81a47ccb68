/** Fixture builders for the domain specs: a campaign, an enterprise, ratings. */
import type { CampaignOpened, EnterpriseRegistered, Rating } from '../events';
import { DEFAULT_QUESTIONS } from '../campaign';
import { DEFAULT_SCALE } from '../scale';

export const acme = '91310110666007217T';
export const globex = '91350200776049653A';

export function opened(campaignId = 'xz-2019', overrides: Partial<CampaignOpened['data']> = {}): CampaignOpened {
  return {
    type: 'CampaignOpened',
    data: {
      campaignId, year: 2019, title: '2019 评议',
      opensAt: '2019-11-01T00:00:00.000Z', closesAt: '2019-12-31T00:00:00.000Z',
      agencies: [{ id: 'tax', name: '市税务局' }, { id: 'police', name: '市公安局' }],
      questions: [...DEFAULT_QUESTIONS], scale: DEFAULT_SCALE.map((l) => ({ ...l })),
      ...overrides,
    },
  };
}

export function registered(creditCode = acme): EnterpriseRegistered {
  return { type: 'EnterpriseRegistered', data: { creditCode, name: '徐州某某科技有限公司', district: '鼓楼区', industry: 'C', size: 'small' } };
}

export function rating(agencyId: string, level: string, extra: Partial<Rating> = {}): Rating {
  return { agencyId, rating: level, answers: {}, comment: null, ...extra };
}

export const duringCampaign = new Date('2019-11-15T08:00:00Z');
