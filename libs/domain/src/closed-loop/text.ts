/**
 * The text rules the closed loop's commands share: required text is 1 to N characters after
 * trimming, counted in code points (an emoji is one character, as a person counts it).
 */
import { FieldError, Invalid } from '../errors';

export const MAX_TEXT_CHARACTERS = 2000;

/** The trimmed text, or a field error added to `problems` (and the untrimmed value returned). */
export function requiredText(field: string, value: string, max: number, problems: FieldError[]): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text || [...text].length > max) problems.push({ field, message: `must be 1–${max} characters, not blank` });
  return text;
}

/** Optional text: blank becomes null; over `max` is a field error. */
export function optionalText(field: string, value: string | null | undefined, max: number, problems: FieldError[]): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return null;
  if ([...text].length > max) problems.push({ field, message: `must be at most ${max} characters` });
  return text;
}

export function oneOf<T extends string>(field: string, value: string, allowed: readonly T[], problems: FieldError[]): T {
  if (!(allowed as readonly string[]).includes(value)) problems.push({ field, message: `must be one of ${allowed.join(', ')}` });
  return value as T;
}

/** Throws one Invalid listing every problem, if there is any. */
export function check(what: string, problems: FieldError[]): void {
  if (problems.length) throw Invalid.because(what, problems);
}
