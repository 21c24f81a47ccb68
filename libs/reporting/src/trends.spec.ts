import { DEFAULT_SCALE } from '@survey/domain';
import { sameQuestions, sameScale, TREND_TEST, trends } from './trends';

const scale = DEFAULT_SCALE.map((l) => ({ ...l }));
const Q = ['efficiency', 'attitude'];
const point = (campaignId: string, year: number, satisfied: number, other: number, overrides: Partial<{ scale: typeof scale; questionIds: string[] }> = {}) => ({
  campaignId, year, scale, questionIds: Q, levels: new Map([['satisfied', satisfied], ['basically_satisfied', other]]), ...overrides,
});

describe('trends', () => {
  it('orders by year and gives the change between consecutive campaigns with the test named', () => {
    const t = trends(null, [point('xz-2019', 2019, 82, 18), point('xz-2018', 2018, 70, 30)]);
    expect(t.test).toBe(TREND_TEST);
    expect(t.series.map((p) => p.campaignId)).toEqual(['xz-2018', 'xz-2019']);
    expect(t.series[0].change).toBeNull();
    // 82/100 against 70/100: pooled 0.76, z = 1.9868, p = 0.0469 (see significance.spec.ts).
    expect(t.series[1]).toMatchObject({ n: 100, satisfaction: { rate: 82, n: 100 }, meanScore: 70.5, change: { points: 12, pValue: 0.0469, significant: true, comparable: true } });
  });

  it('flags a change across a different scale or different questions as not comparable', () => {
    const threeLevels = [
      { id: 'satisfied', label: '满意', score: 100, satisfied: true, negative: false },
      { id: 'basically_satisfied', label: '基本满意', score: 50, satisfied: false, negative: false },
      { id: 'dissatisfied', label: '不满意', score: 0, satisfied: false, negative: true },
    ];
    const t = trends('tax', [point('a', 2017, 5, 5), point('b', 2018, 6, 4, { scale: threeLevels }), point('c', 2019, 7, 3, { scale: threeLevels, questionIds: ['efficiency'] }), point('d', 2020, 7, 3, { scale: threeLevels, questionIds: ['efficiency'] })]);
    expect(t.agencyId).toBe('tax');
    expect(t.series.map((p) => p.change?.comparable)).toEqual([undefined, false, false, true]);
  });

  it('has a null change, not 0, next to a campaign with no evaluations', () => {
    const t = trends(null, [point('a', 2018, 0, 0), point('b', 2019, 3, 1)]);
    expect(t.series[0]).toMatchObject({ n: 0, satisfaction: { rate: null, n: 0 }, change: null });
    expect(t.series[1].change).toBeNull();
  });

  it('compares scales by meaning and questions as sets', () => {
    expect(sameScale(scale, scale.map((l) => ({ ...l, label: 'other words' })))).toBe(true);
    expect(sameScale(scale, scale.map((l, i) => ({ ...l, satisfied: i < 3 })))).toBe(false);
    expect(sameQuestions(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameQuestions(['a', 'b'], ['a'])).toBe(false);
  });
});
