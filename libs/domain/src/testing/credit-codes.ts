/**
 * The one credit-code generator for fixtures, in every tier (specs, int and e2e suites, the
 * property test, the bench): the n-th valid code of an enterprise registered in Xuzhou's Gulou
 * district, 91 320302 + n on nine digits + its check character. Distinct for every n below 10^9.
 */
import { completeCreditCode } from '../credit-code';

export const creditCode = (n: number): string => completeCreditCode(`91320302${String(n).padStart(9, '0')}`);

/** `count` distinct codes: creditCode(from), creditCode(from + 1)… */
export const creditCodes = (count: number, from = 0): string[] => Array.from({ length: count }, (_, i) => creditCode(from + i));
