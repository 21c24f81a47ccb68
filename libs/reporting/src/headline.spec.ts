import { CampaignCounts, headlineReport } from './headline';

const scale = [
  { id: 'very_satisfied', score: 100, satisfied: true, negative: false },
  { id: 'satisfied', score: 75, satisfied: true, negative: false },
  { id: 'basically_satisfied', score: 50, satisfied: false, negative: false },
  { id: 'dissatisfied', score: 25, satisfied: false, negative: true },
  { id: 'very_dissatisfied', score: 0, satisfied: false, negative: true },
];
const agencies = [{ id: 'tax', name: '市税务局' }, { id: 'police', name: '市公安局' }, { id: 'zoo', name: '市动物园' }];
const counts = (campaignId: string, year: number, tax: Record<string, number>, police: Record<string, number>): CampaignCounts => {
  const levels = new Map<string, number>();
  for (const m of [tax, police]) for (const [k, v] of Object.entries(m)) levels.set(k, (levels.get(k) ?? 0) + v);
  const byAgency = new Map([['tax', new Map(Object.entries(tax))], ['police', new Map(Object.entries(police))]]);
  return { campaignId, year, agencies, scale, respondents: 7, levels, agencyLevels: byAgency };
};

describe('headlineReport', () => {
  const y2018 = counts('xz-2018', 2018, { satisfied: 30, basically_satisfied: 20 }, { satisfied: 40, dissatisfied: 10 });
  const y2019 = counts('xz-2019', 2019, { very_satisfied: 45, basically_satisfied: 5 }, { satisfied: 37, very_dissatisfied: 13 });
  const report = headlineReport(y2019, y2018, { position: 99, recordedAt: '2019-12-31T00:00:00.000Z' });

  it('computes the overall figures from the counts', () => {
    expect(report).toMatchObject({
      campaignId: 'xz-2019', year: 2019, respondents: 7, evaluations: 100,
      satisfaction: { rate: 82, n: 100 },
      meanScore: 75.3, // (45·100 + 5·50 + 37·75 + 13·0) / 100 = 75.25 → 75.3, half away from zero
      badReviewRate: 13,
      previous: { campaignId: 'xz-2018', year: 2018, rate: 70 },
      change: { points: 12 },
      asOf: { position: '99', recordedAt: '2019-12-31T00:00:00.000Z' },
    });
    expect(report.satisfaction.low).toBeLessThan(82);
    expect(report.satisfaction.high).toBeGreaterThan(82);
  });

  it('ranks agencies by exact rate, unrated ones last', () => {
    expect(report.agencies.map((a) => [a.agencyId, a.rank, a.satisfaction.rate, a.change?.points ?? null])).toEqual([
      ['tax', 1, 90, 30],
      ['police', 2, 74, -6],
      ['zoo', 3, null, null],
    ]);
  });

  it('shares a rank between equal exact rates', () => {
    const tie = headlineReport(counts('x', 2019, { satisfied: 1, dissatisfied: 1 }, { satisfied: 2, dissatisfied: 2 }), null, { position: 1, recordedAt: null });
    expect(tie.agencies.map((a) => [a.agencyId, a.rank])).toEqual([['police', 1], ['tax', 1], ['zoo', 3]]);
    expect(tie.change).toBeNull();
    expect(tie.previous).toBeNull();
  });
});
