import { createHash } from 'node:crypto';
import { canonicalJson, FORMULA_VERSION, methodologyHash, methodologyOf } from './methodology';

const scale = [
  { id: 'yes', label: '满意', score: 100, satisfied: true, negative: false },
  { id: 'no', label: '不满意', score: 0, satisfied: false, negative: true },
];
const questions = [{ id: 'efficiency', text: '办事效率' }];

describe('methodology', () => {
  it('writes canonical JSON: keys sorted at every depth, arrays in order, no whitespace', () => {
    expect(canonicalJson({ b: [3, { y: 1, x: 'é' }], a: null, c: true })).toBe('{"a":null,"b":[3,{"x":"é","y":1}],"c":true}');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(RangeError);
  });

  it('hashes the canonical JSON with SHA-256, whatever the key order or extra properties of the input', () => {
    const m = methodologyOf({ scale, questions });
    expect(m).toEqual({ formulaVersion: FORMULA_VERSION, scale, questions });
    const expected = createHash('sha256').update(canonicalJson({ formulaVersion: FORMULA_VERSION, questions, scale })).digest('hex');
    expect(methodologyHash(m)).toBe(`sha256:${expected}`);
    const shuffled = { questions: [{ text: '办事效率', id: 'efficiency', extra: 1 }], scale: scale.map((l) => ({ ...l, note: 'x' })).map(({ negative, ...l }) => ({ negative, ...l })) };
    expect(methodologyHash(methodologyOf(shuffled))).toBe(methodologyHash(m));
  });

  it('changes with the formula version, a score, a flag, a question, or the order of the levels', () => {
    const base = methodologyHash(methodologyOf({ scale, questions }));
    const variants = [
      methodologyOf({ scale, questions }, FORMULA_VERSION + 1),
      methodologyOf({ scale: [{ ...scale[0], score: 90 }, scale[1]], questions }),
      methodologyOf({ scale: [scale[0], { ...scale[1], negative: false }], questions }),
      methodologyOf({ scale, questions: [] }),
      methodologyOf({ scale: [scale[1], scale[0]], questions }),
    ];
    const hashes = variants.map(methodologyHash);
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
  });
});
