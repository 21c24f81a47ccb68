/**
 * The one rule for text people write (reasons, comments, names, titles, replies): blank text (empty
 * once trimmed) is no text, and the length of what is stored is counted in code points, so an
 * emoji or a Chinese character is one character, as a person counts it. What is stored is the
 * trimmed text, except on a ballot, whose comment and invalidation reason have always been kept
 * verbatim (`Keep.verbatim`). Every length check in the domain goes through here; the DTOs check
 * only that a string came.
 */
import { FieldError, Invalid } from './errors';

/** Every `reason` (an invalidation, a revocation, a return, an extension, an appeal…). */
export const MAX_REASON_CHARACTERS = 500;
/** Longer free text: a comment, a description, a report's actions, a reply, a note. */
export const MAX_TEXT_CHARACTERS = 2000;

/** Characters as a person counts them: code points, not UTF-16 units. */
export const characterCount = (text: string): number => [...text].length;

export type Keep = 'trimmed' | 'verbatim';

/** The text to store (trimmed unless `keep` says verbatim); a field error added to `problems` when it is blank or too long. */
export function requiredText(field: string, value: string, max: number, problems: FieldError[], keep: Keep = 'trimmed'): string {
  const sent = typeof value === 'string' ? value : '';
  const text = keep === 'verbatim' ? sent : sent.trim();
  if (!sent.trim() || characterCount(text) > max) problems.push({ field, message: `must be 1–${max} characters, not blank` });
  return text;
}

/** Optional text: blank becomes null; over `max` is a field error. */
export function optionalText(field: string, value: string | null | undefined, max: number, problems: FieldError[], keep: Keep = 'trimmed'): string | null {
  const sent = typeof value === 'string' ? value : '';
  if (!sent.trim()) return null;
  const text = keep === 'verbatim' ? sent : sent.trim();
  if (characterCount(text) > max) problems.push({ field, message: `must be at most ${max} characters` });
  return text;
}

/** A reason: required, at most MAX_REASON_CHARACTERS. */
export const requiredReason = (value: string, problems: FieldError[], keep: Keep = 'trimmed'): string =>
  requiredText('reason', value, MAX_REASON_CHARACTERS, problems, keep);

export function oneOf<T extends string>(field: string, value: string, allowed: readonly T[], problems: FieldError[]): T {
  if (!(allowed as readonly string[]).includes(value)) problems.push({ field, message: `must be one of ${allowed.join(', ')}` });
  return value as T;
}

/** Throws one Invalid listing every problem, if there is any. */
export function check(what: string, problems: FieldError[]): void {
  if (problems.length) throw Invalid.because(what, problems);
}
