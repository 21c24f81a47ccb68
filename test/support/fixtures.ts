/** Builders for e2e fixtures: campaigns open around now, enterprises with valid credit codes. */

const DAY = 86_400_000;

export function aCampaign(id: string, overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    id, year: 2019, title: `评议 ${id}`,
    opensAt: new Date(now - DAY).toISOString(), closesAt: new Date(now + 30 * DAY).toISOString(),
    agencies: [{ id: 'tax', name: '市税务局' }, { id: 'police', name: '市公安局' }, { id: 'housing', name: '市住房和城乡建设局' }],
    ...overrides,
  };
}

/** The n-th valid test credit code: the kit's one generator, shared by every tier. */
export { creditCode } from '@survey/domain/testing';

export function aProfile(overrides: Record<string, unknown> = {}) {
  return { name: '徐州测试科技有限公司', district: '鼓楼区', industry: 'C', size: 'small', ...overrides };
}
