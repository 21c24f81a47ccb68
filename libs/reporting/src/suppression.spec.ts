import fc from 'fast-check';
import { protectRow, suppressedKeys } from './suppression';

const row = fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 4 }), respondents: fc.nat({ max: 40 }) }), {
  selector: (c) => c.key, maxLength: 12,
});
const kArb = fc.integer({ min: 1, max: 12 });
const sumOf = (cells: { respondents: number }[]) => cells.reduce((s, c) => s + c.respondents, 0);

describe('suppressedKeys (properties)', () => {
  it('hides every non-empty cell under k, and shows none under k', () => {
    fc.assert(fc.property(row, kArb, (cells, k) => {
      const hidden = suppressedKeys(cells, k);
      for (const c of cells) if (c.respondents > 0 && c.respondents < k) expect(hidden.has(c.key)).toBe(true);
      for (const c of cells) if (!hidden.has(c.key)) expect(c.respondents === 0 || c.respondents >= k).toBe(true);
    }));
  });

  it('never hides exactly one cell of a row that has others, so total − shown is never one cell', () => {
    fc.assert(fc.property(row, kArb, (cells, k) => {
      const live = cells.filter((c) => c.respondents > 0);
      const hidden = suppressedKeys(cells, k);
      if (live.length >= 2) expect(hidden.size === 1).toBe(false);
    }));
  });

  it('leaves a difference (total − shown) of at least k respondents, or hides the whole row', () => {
    fc.assert(fc.property(row, kArb, (cells, k) => {
      const live = cells.filter((c) => c.respondents > 0);
      const hidden = suppressedKeys(cells, k);
      if (hidden.size === 0) return;
      const shown = live.filter((c) => !hidden.has(c.key));
      const difference = sumOf(live) - sumOf(shown);
      expect(difference >= k || shown.length === 0).toBe(true);
    }));
  });

  it('hides nothing when no cell is under k, and never hides an empty cell', () => {
    fc.assert(fc.property(row, kArb, (cells, k) => {
      const hidden = suppressedKeys(cells, k);
      if (cells.every((c) => c.respondents === 0 || c.respondents >= k)) expect(hidden.size).toBe(0);
      for (const c of cells) if (c.respondents === 0) expect(hidden.has(c.key)).toBe(false);
    }));
  });

  it('hides forced cells, and keeps every other rule with them', () => {
    fc.assert(fc.property(row, kArb, fc.func(fc.boolean()), (cells, k, pick) => {
      const forced = new Set(cells.filter((c) => pick(c.key)).map((c) => c.key));
      const hidden = suppressedKeys(cells, k, forced);
      const live = cells.filter((c) => c.respondents > 0);
      for (const c of live) if (forced.has(c.key) || c.respondents < k) expect(hidden.has(c.key)).toBe(true);
      if (live.length >= 2) expect(hidden.size === 1).toBe(false);
      const shown = live.filter((c) => !hidden.has(c.key));
      if (hidden.size > 0) expect(sumOf(live) - sumOf(shown) >= k || shown.length === 0).toBe(true);
    }));
  });

  it('does not depend on the order of the cells', () => {
    fc.assert(fc.property(row, kArb, fc.nat(), (cells, k, seed) => {
      const shuffled = [...cells].sort((a, b) => ((a.key.charCodeAt(0) * 31 + seed) % 17) - ((b.key.charCodeAt(0) * 31 + seed) % 17));
      expect([...suppressedKeys(shuffled, k)].sort()).toEqual([...suppressedKeys(cells, k)].sort());
    }));
  });

  it('adds complements only while needed: un-hiding the largest complement breaks the rule', () => {
    fc.assert(fc.property(row, kArb, (cells, k) => {
      const hidden = suppressedKeys(cells, k);
      const complements = cells.filter((c) => hidden.has(c.key) && c.respondents >= k);
      if (complements.length === 0) return;
      const largest = complements.reduce((a, b) => (b.respondents >= a.respondents ? b : a));
      const rest = cells.filter((c) => hidden.has(c.key) && c !== largest);
      expect(rest.length >= 2 && sumOf(rest) >= k).toBe(false);
    }));
  });
});

describe('suppressedKeys (examples, k = 5)', () => {
  it('one small cell: the next smallest is hidden with it', () => {
    expect(suppressedKeys([{ key: '鼓楼区', respondents: 17 }, { key: '贾汪区', respondents: 3 }, { key: '云龙区', respondents: 8 }], 5)).toEqual(new Set(['贾汪区', '云龙区']));
  });
  it('two cells of 1 and 2: their sum of 3 would still be under k, so a third is hidden', () => {
    const hidden = suppressedKeys([{ key: 'a', respondents: 1 }, { key: 'b', respondents: 2 }, { key: 'c', respondents: 6 }, { key: 'd', respondents: 9 }], 5);
    expect(hidden).toEqual(new Set(['a', 'b', 'c']));
  });
  it('two small cells summing to k are enough', () => {
    expect(suppressedKeys([{ key: 'a', respondents: 2 }, { key: 'b', respondents: 3 }, { key: 'c', respondents: 6 }], 5)).toEqual(new Set(['a', 'b']));
  });
  it('refuses a k below 1', () => {
    expect(() => suppressedKeys([], 0)).toThrow(RangeError);
  });
});

describe('protectRow', () => {
  it('keeps the order, drops empty cells, and replaces hidden figures by suppressed: true', () => {
    const cells = [
      { value: 'x', respondents: 6, figures: { n: 6 } },
      { value: 'y', respondents: 0, figures: { n: 0 } },
      { value: 'z', respondents: 2, figures: { n: 2 } },
      { value: 'w', respondents: 9, figures: { n: 9 } },
    ];
    expect(protectRow(cells, 5)).toEqual([{ value: 'x', suppressed: true }, { value: 'z', suppressed: true }, { value: 'w', n: 9 }]);
    expect(protectRow(cells, 5, false)).toEqual([{ value: 'x', n: 6 }, { value: 'z', suppressed: true }, { value: 'w', n: 9 }]);
  });
});
