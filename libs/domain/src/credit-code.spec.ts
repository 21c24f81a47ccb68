import { completeCreditCode, CreditCode, creditCodeCheckChar, creditCodeProblem, isCreditCode } from './credit-code';
import { creditCode, creditCodes } from './testing/credit-codes';
import { Unprocessable } from './errors';

describe('CreditCode (GB 32100-2015)', () => {
  it.each(['91310110666007217T', '91350200776049653A', '91440101MA5CJQ4N59'])('accepts the public code %s', (code) => {
    expect(isCreditCode(code)).toBe(true);
    expect(CreditCode.parse(code).value).toBe(code);
  });

  it('computes the check character of a public code', () => {
    expect(creditCodeCheckChar('91310110666007217')).toBe('T');
    expect(creditCodeCheckChar('91440101MA5CJQ4N5')).toBe('9');
  });

  it.each([
    ['wrong check character', '91310110666007217A', /check character/],
    ['17 characters', '91310110666007217', /18 characters/],
    ['19 characters', '91310110666007217T1', /18 characters/],
    ['lower case', '91440101ma5cjq4n59', /upper-case/],
    ['a letter outside the set (I)', '91440101MA5CJQ4NI9', /other than I, O, S, V, Z/],
    ['full-width digits', '９1310110666007217T', /upper-case/],
    ['a zero-width space', '913101106660\u200b7217T', /upper-case/],
    ['a trailing zero-width joiner', '91310110666007217T\u200d', /18 characters/],
    ['empty', '', /18 characters/],
  ])('rejects %s', (_why, code, reason) => {
    expect(isCreditCode(code)).toBe(false);
    expect(creditCodeProblem(code)).toMatch(reason);
    expect(() => CreditCode.parse(code)).toThrow(Unprocessable);
  });

  it('maps a sum divisible by 31 to the check character 0', () => {
    // 17 zeros sum to 0: 31 - 0 = 31 → '0'.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('completes 17 characters with their check character, and refuses characters outside the set', () => {
    expect(completeCreditCode('91310110666007217')).toBe('91310110666007217T');
    expect(() => completeCreditCode('9131011066600721I')).toThrow(RangeError);
    expect(() => completeCreditCode('9131011066600721')).toThrow(RangeError);
  });

  it('gives fixtures distinct valid codes', () => {
    const codes = creditCodes(1000, 999_999_000);
    expect(codes.every(isCreditCode)).toBe(true);
    expect(new Set([...codes, creditCode(0)]).size).toBe(1001);
  });
});
