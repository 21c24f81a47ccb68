/**
 * The one rule for text people write (reasons, comments, names, titles, replies): it is trimmed,
 * blank text is no text, and its length is counted in code points, so an emoji or a Chinese
 * character is one character, as a person counts it. What a decider stores is the trimmed text.
 * Every length check in the domain goes through here; the DTOs check only that a string came.
 */
import { FieldError, Invalid } from './errors';

/** Every `reason` (an invalidation, a revocation, a return, an extension, an appeal…). */
export const MAX_REASON_CHARACTERS = 500;
/** Longer free text: a comment, a description, a report's actions, a reply, a note. */
export const MAX_TEXT_CHARACTERS = 2000;

/** Characters as a person counts them: code points, not UTF-16 units. */
export const characterCount = (text: string): number => [...text].length;

/** The trimmed text, or a field error added to `problems` (and the trimmed value returned). */
export function requiredText(field: string, value: string, max: number, problems: FieldError[]): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text || characterCount(text) > max) problems.push({ field, message: `must be 1–${max} characters, not blank` });
  return text;
}

/** Optional text: blank becomes null; over `max` is a field error. */
export function optionalText(field: string, value: string | null | undefined, max: number, problems: FieldError[]): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return null;
  if (characterCount(text) > max) problems.push({ field, message: `must be at most ${max} characters` });
  return text;
}

/** A reason: required, at most MAX_REASON_CHARACTERS. */
export const requiredReason = (value: string, problems: FieldError[], field = 'reason'): string =>
  requiredText(field, value, MAX_REASON_CHARACTERS, problems);

export function oneOf<T extends string>(field: string, value: string, allowed: readonly T[], problems: FieldError[]): T {
  if (!(allowed as readonly string[]).includes(value)) problems.push({ field, message: `must be one of ${allowed.join(', ')}` });
  return value as T;
}

/** Throws one Invalid listing every problem, if there is any. */
export function check(what: string, problems: FieldError[]): void {
  if (problems.length) throw Invalid.because(what, problems);
}
