/** Reading query-string parameters: a repeated parameter or a malformed value is a 400, never a 500. */
import { Transform } from 'class-transformer';
import { Invalid } from '@survey/domain';

/**
 * A whole number written in decimal digits (an optional minus first, so that `Min` can say what is
 * wrong with `-1`). `Number()` alone would read `0x10` as 16, `1e3` as 1000, `' 7 '` as 7 and `''`
 * as 0; anything but decimal digits stays the string it was, and the `IsInt` beside this refuses it.
 */
export const DecimalInt = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value));

/** One optional string parameter; '' counts as absent. */
export function optionalParam(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw Invalid.because('bad query parameter', [{ field: name, message: 'must be given once' }]);
  return value;
}

/** One required string parameter: absent or '' is a 400 naming it. */
export function requiredParam(query: Record<string, unknown>, name: string): string {
  const value = optionalParam(query, name);
  if (value === undefined) throw Invalid.because('bad query parameter', [{ field: name, message: 'is required' }]);
  return value;
}

// A date, or a date and time with a zone (Z or ±hh:mm): a time without a zone would be read in
// the server's local time, which an analyst cannot see.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** `?asOf=` as a Date, or undefined when absent; 400 unless an ISO 8601 date or date-time with zone. */
export function asOfParam(query: Record<string, unknown>): Date | undefined {
  const raw = optionalParam(query, 'asOf');
  if (raw === undefined) return undefined;
  const at = new Date(raw);
  const [y, m, d] = raw.slice(0, 10).split('-').map(Number);
  const dayExists = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
  if (!ISO_TIME.test(raw) || Number.isNaN(at.getTime()) || !dayExists) {
    throw Invalid.because('bad query parameter', [{ field: 'asOf', message: 'must be an ISO 8601 date (2019-12-31) or date-time with a zone (2019-12-31T23:59:59Z)' }]);
  }
  return at;
}
