/**
 * How many field errors an error answer lists. A body can be wrong in thousands of places (a
 * campaign with 16,000 empty agencies gave a 6.4 MB answer): the first ones are enough to fix it,
 * and `errorCount` says how many there were.
 */
import type { FieldError } from '@survey/domain';

export const MAX_FIELD_ERRORS = 100;

export function capped(errors: FieldError[] | undefined, total = errors?.length ?? 0): { errors?: FieldError[]; errorCount?: number } {
  if (!errors?.length) return {};
  if (total <= MAX_FIELD_ERRORS && errors.length <= MAX_FIELD_ERRORS) return { errors };
  return { errors: errors.slice(0, MAX_FIELD_ERRORS), errorCount: Math.max(total, errors.length) };
}
