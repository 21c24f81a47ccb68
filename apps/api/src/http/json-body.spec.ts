import { MAX_JSON_DEPTH, nestingDepth } from './json-body';

describe('nestingDepth', () => {
  it.each([
    ['1', 0],
    ['"[[[["', 0],
    ['{}', 1],
    ['{"a":[{"b":1}]}', 3],
    ['[[], [[]], []]', 3],
    ['{"s":"\\"[[[{{{"}', 1],
    ['{"s":"\\\\", "t":[[1]]}', 3],
  ])('%s nests %p deep', (text, depth) => {
    expect(nestingDepth(text)).toBe(depth);
  });

  it('stops counting past the limit: an array nested 10,000 deep in 20 KB', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(nestingDepth(deep)).toBe(Infinity);
    expect(nestingDepth('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBe(MAX_JSON_DEPTH);
    expect(nestingDepth('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))).toBe(Infinity);
  });
});
