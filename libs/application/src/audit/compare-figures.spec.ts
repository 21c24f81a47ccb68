import { compareFigures, flattenFigures, isKeyFigure } from './compare-figures';

const report = (over: Record<string, unknown> = {}) => ({
  campaignId: 'xz-2019', respondents: 3, evaluations: 4,
  satisfaction: { rate: 75, low: 30.1, high: 95.4, n: 4 }, meanScore: 62.5, badReviewRate: 25,
  previous: null, change: null,
  agencies: [
    { agencyId: 'tax', rank: 1, satisfaction: { rate: 100, n: 2 }, change: { points: 3.1, significant: false } },
    { agencyId: 'police', rank: 2, satisfaction: { rate: 50, n: 2 }, change: null },
  ],
  asOf: { position: '17', recordedAt: '2019-12-31T00:00:00.000Z' },
  ...over,
});

describe('comparing published figures with a replay', () => {
  it('names every leaf by path, agencies by id', () => {
    const flat = flattenFigures(report());
    expect(flat.get('satisfaction.rate')).toBe(75);
    expect(flat.get('agencies[tax].change.points')).toBe(3.1);
    expect(flat.get('agencies[police].change')).toBeNull();
    expect(flat.get('asOf.position')).toBe('17');
    expect(flat.has('agencies[0].rank')).toBe(false);
  });

  it('finds every figure reproduced when the reports are equal, headline figures first', () => {
    const checks = compareFigures(report(), JSON.parse(JSON.stringify(report())));
    expect(checks.every((c) => c.reproduces)).toBe(true);
    expect(checks.slice(0, 6).map((c) => c.figure)).toEqual(['satisfaction.rate', 'respondents', 'evaluations', 'meanScore', 'badReviewRate', 'change']);
    expect(checks.length).toBe(flattenFigures(report()).size);
  });

  it('names the figure that differs, with both values', () => {
    const tampered = report({ satisfaction: { rate: 82, low: 30.1, high: 95.4, n: 4 } });
    const failed = compareFigures(tampered, report()).filter((c) => !c.reproduces);
    expect(failed).toEqual([{ figure: 'satisfaction.rate', published: 82, replayed: 75, reproduces: false }]);
  });

  it('matches agencies by id whatever their order, and reports one missing on either side', () => {
    const [tax, police] = report().agencies;
    expect(compareFigures(report({ agencies: [police, tax] }), report()).every((c) => c.reproduces)).toBe(true);
    const failed = compareFigures(report({ agencies: [tax] }), report()).filter((c) => !c.reproduces);
    expect(failed.map((c) => c.figure)).toEqual(expect.arrayContaining(['agencies[police].satisfaction.rate', 'agencies[police].rank']));
    expect(failed.every((c) => c.published === undefined)).toBe(true);
  });

  it('tells a null from a missing figure; -0 (which JSON writes as 0) is 0', () => {
    expect(compareFigures({ change: null }, {}).map((c) => c.reproduces)).toEqual([false]);
    expect(compareFigures({ a: 0 }, { a: -0 })[0].reproduces).toBe(true);
  });

  it('ignores the live report’s note on the published figures', () => {
    expect(compareFigures(report({ published: { rate: 1 } }), report()).every((c) => c.reproduces)).toBe(true);
  });

  it('picks the key figures for a summary', () => {
    expect(['satisfaction.rate', 'change.points', 'agencies[tax].satisfaction.rate', 'agencies[tax].change.points'].every(isKeyFigure)).toBe(true);
    expect(['satisfaction.low', 'agencies[tax].rank', 'asOf.position'].some(isKeyFigure)).toBe(false);
  });
});
