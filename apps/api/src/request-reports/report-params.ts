/**
 * The requests reports' query parameters: a span of local days (`from`, `to`: `YYYY-MM-DD` in
 * Asia/Shanghai, both included, each optional) and a year. A malformed value, a date that does not
 * exist, a repeated parameter or a span that ends before it starts is a 400 naming the field.
 */
import { FieldError, Invalid, parseIsoDay } from '@survey/domain';
import { optionalParam } from '../http/query-params';

export interface DaySpan {
  from: string | null;
  to: string | null;
}

const DAY_MESSAGE = 'must be a date YYYY-MM-DD (a local day, Asia/Shanghai) that exists';

export function daySpanParams(query: Record<string, unknown>): DaySpan {
  const problems: FieldError[] = [];
  const day = (name: 'from' | 'to'): string | null => {
    const raw = optionalParam(query, name);
    if (raw === undefined) return null;
    if (parseIsoDay(raw) === undefined) {
      problems.push({ field: name, message: DAY_MESSAGE });
      return null;
    }
    return raw;
  };
  const from = day('from');
  const to = day('to');
  if (from !== null && to !== null && to < from) problems.push({ field: 'to', message: `must not be before from (${from})` });
  if (problems.length > 0) throw Invalid.because('bad query parameter', problems);
  return { from, to };
}

/** `?year=`: four digits, or absent (every year). */
export function yearParam(query: Record<string, unknown>): number | null {
  const raw = optionalParam(query, 'year');
  if (raw === undefined) return null;
  if (!/^[1-9]\d{3}$/.test(raw)) throw Invalid.because('bad query parameter', [{ field: 'year', message: 'must be a year of four digits, e.g. 2019' }]);
  return Number(raw);
}
