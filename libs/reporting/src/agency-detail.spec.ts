import { DEFAULT_SCALE } from '@survey/domain';
import { agencyDetail, AgencyDetailInput } from './agency-detail';

const scale = DEFAULT_SCALE.map((l) => ({ ...l }));
const counts = (levels: Record<string, number>) => new Map(Object.entries(levels));
const input = (overrides: Partial<AgencyDetailInput> = {}): AgencyDetailInput => ({
  campaign: { campaignId: 'xz-2019', year: 2019, agencies: [{ id: 'tax', name: '市税务局' }], questions: [{ id: 'efficiency', text: '办事效率' }], scale },
  agencyId: 'tax',
  levels: counts({ very_satisfied: 4, satisfied: 4, dissatisfied: 2 }),
  questions: new Map([['efficiency', counts({ satisfied: 4 })]]),
  previous: null,
  segments: {
    district: new Map([['鼓楼区', { respondents: 10, levels: counts({ very_satisfied: 4, satisfied: 4, dissatisfied: 2 }) }]]),
    industry: new Map(),
    size: new Map([['large', { respondents: 0, levels: counts({ satisfied: 0 }) }]]),
  },
  k: 5,
  asOf: { position: 7, recordedAt: '2019-12-01T00:00:00.000Z' },
  ...overrides,
});

describe('agencyDetail', () => {
  it('assembles the figures: 8 of 10 satisfied, mean (400 + 300 + 50)/10 = 75.0, 2 bad reviews', () => {
    const d = agencyDetail(input());
    expect(d).toMatchObject({
      respondents: 10, evaluations: 10, satisfaction: { rate: 80, n: 10 }, meanScore: 75, badReviewRate: 20, badReviews: { rate: 20, n: 10 },
      previous: null, change: null, suppressionK: 5, asOf: { position: '7', recordedAt: '2019-12-01T00:00:00.000Z' },
    });
    expect(d.questions).toEqual([{ questionId: 'efficiency', text: '办事效率', suppressed: true }]); // 4 answers < k
    expect(d.segments?.district).toMatchObject([{ value: '鼓楼区', respondents: 10, satisfaction: { rate: 80 } }]);
    expect(d.segments?.size).toEqual([]); // an emptied cell is left out, not shown as suppressed
    expect(d).not.toHaveProperty('segmentsOmitted');
  });

  it('names the previous campaign even when the agency was not rated there, with a null change', () => {
    const d = agencyDetail(input({ previous: { campaignId: 'xz-2018', year: 2018, levels: null, scale } }));
    expect(d).toMatchObject({ previous: { campaignId: 'xz-2018', year: 2018, rate: null }, change: null });
  });

  it('leaves segments out with the reason when told to', () => {
    const d = agencyDetail(input({ segments: null, segmentsOmitted: 'not as of a past time' }));
    expect(d).toMatchObject({ segments: null, segmentsOmitted: 'not as of a past time' });
  });

  it('refuses an agency the campaign does not have', () => {
    expect(() => agencyDetail(input({ agencyId: 'zoo' }))).toThrow(RangeError);
  });
});
