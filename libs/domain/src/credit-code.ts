/**
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
 * set (digits and upper-case letters without I, O, S, V, Z); the last is a check character.
 */
import { Unprocessable } from './errors';

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const VALUE = new Map([...CREDIT_CODE_CHARSET].map((c, i) => [c, i]));
/** Weight of position i (0-based) is 3^i mod 31. */
const WEIGHTS = Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % 31n));
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character for the first 17 characters, or undefined if one is outside the set. */
export function creditCodeCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = VALUE.get(first17[i]);
    if (v === undefined) return undefined;
    sum += v * WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** The 17 characters completed with their check character; throws RangeError when one is outside the set. */
export function completeCreditCode(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (check === undefined) throw new RangeError(`not the first 17 characters of a credit code: ${first17}`);
  return first17 + check;
}

/** Why `raw` is not a valid code, or null when it is. No normalisation: lower case is invalid. */
export function creditCodeProblem(raw: string): string | null {
  if (raw.length !== 18) return `must be 18 characters, got ${[...raw].length}`;
  if (!SHAPE.test(raw)) return 'may contain only digits and upper-case letters other than I, O, S, V, Z';
  if (creditCodeCheckChar(raw.slice(0, 17)) !== raw[17]) return 'check character does not match (GB 32100-2015)';
  return null;
}

export function isCreditCode(raw: string): boolean {
  return creditCodeProblem(raw) === null;
}

export class CreditCode {
  private constructor(readonly value: string) {}

  /** Throws Unprocessable naming the problem. */
  static parse(raw: string): CreditCode {
    const problem = creditCodeProblem(raw);
    if (problem) throw new Unprocessable(`invalid credit code: ${problem}`, [{ field: 'creditCode', message: problem }]);
    return new CreditCode(raw);
  }

  toString(): string {
    return this.value;
  }
}
