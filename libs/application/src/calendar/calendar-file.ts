/**
 * WORKDAY_CALENDAR_FILE: the official calendar of years published after the pinned package, as
 * `{ "2027": { "holidays": ["2027-01-01", …], "workdays": ["2027-02-06", …] } }`. Checked whole
 * before anything uses it, so a mistyped date stops start-up instead of moving a deadline.
 */
import { CalendarYear, isoDay, isWeekend, parseIsoDay, yearOf } from '@survey/domain';
import { ConfigError } from '../config/config';

export const CALENDAR_FILE_VARIABLE = 'WORKDAY_CALENDAR_FILE';
const YEAR = /^\d{4}$/;
/** Enough to find a mistake without a line that runs off the screen. */
const PROBLEMS_SHOWN = 5;

/** The years a file holds, or a ConfigError naming the variable, the file and the first problems. */
export function parseCalendarFile(text: string, path: string): Map<number, CalendarYear> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw fileError(path, [`is not JSON (${(error as Error).message})`]);
  }
  const problems: string[] = [];
  const years = new Map<number, CalendarYear>();
  if (!isObject(json)) throw fileError(path, ['must be a JSON object whose keys are years, such as { "2027": { "holidays": [], "workdays": [] } }']);
  for (const [key, value] of Object.entries(json)) {
    if (!YEAR.test(key)) {
      problems.push(`key ${JSON.stringify(key)} is not a year (four digits)`);
      continue;
    }
    const year = parseYear(Number(key), value, problems);
    if (year) years.set(Number(key), year);
  }
  if (years.size === 0 && problems.length === 0) problems.push('holds no year');
  if (problems.length) throw fileError(path, problems);
  return years;
}

function parseYear(year: number, value: unknown, problems: string[]): CalendarYear | undefined {
  if (!isObject(value)) {
    problems.push(`${year} must be an object with "holidays" and "workdays"`);
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (key !== 'holidays' && key !== 'workdays') problems.push(`${year}.${key} is not expected (only "holidays" and "workdays")`);
  }
  const holidays = dates(year, 'holidays', value.holidays, problems);
  const workdays = dates(year, 'workdays', value.workdays, problems);
  workdays.forEach((day, i) => {
    if (!isWeekend(parseIsoDay(day)!)) problems.push(`${year}.workdays[${i}] ${day} is a weekday: make-up workdays fall on a Saturday or Sunday`);
    if (holidays.includes(day)) problems.push(`${year}: ${day} is both a holiday and a workday`);
  });
  return { holidays, workdays };
}

function dates(year: number, field: string, value: unknown, problems: string[]): string[] {
  if (!Array.isArray(value)) {
    problems.push(`${year}.${field} must be an array of "YYYY-MM-DD" dates (an empty one if there are none)`);
    return [];
  }
  const valid: string[] = [];
  value.forEach((item, i) => {
    const day = typeof item === 'string' ? parseIsoDay(item) : undefined;
    if (day === undefined) problems.push(`${year}.${field}[${i}] ${JSON.stringify(item)} is not a date as YYYY-MM-DD`);
    else if (yearOf(day) !== year) problems.push(`${year}.${field}[${i}] ${isoDay(day)} is not in ${year}`);
    else valid.push(isoDay(day));
  });
  return valid;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function fileError(path: string, problems: string[]): ConfigError {
  const shown = problems.slice(0, PROBLEMS_SHOWN).join('; ');
  const more = problems.length > PROBLEMS_SHOWN ? `; and ${problems.length - PROBLEMS_SHOWN} more` : '';
  return new ConfigError(CALENDAR_FILE_VARIABLE, `(${path}) ${shown}${more}`);
}
