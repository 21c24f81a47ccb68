/**
 * Loads the working-day calendar deadlines are counted on: the official holidays and make-up
 * workdays of the pinned `chinese-days` package (2004–2026 in 1.5.7), read once per process through
 * its API, with the years of WORKDAY_CALENDAR_FILE merged over them (a year in the file replaces the
 * package's year whole). The stamp every deadline records names the data: `chinese-days` and the
 * package version, plus the first 12 hex digits of the file's sha256 when there is a file, so an
 * auditor can tell which data a deadline was computed with.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getHolidaysInRange, getWorkdaysInRange } from 'chinese-days';
import { version as packageVersion } from 'chinese-days/package.json';
import { CalendarData, CalendarYear, WorkingDayCalendar } from '@survey/domain';
import { CALENDAR_FILE_VARIABLE, fileError, parseCalendarFile } from './calendar-file';

/**
 * The package answers any date (weekends outside its data), so its coverage is found by asking:
 * the first year with official holidays and every following year that has them. China's present
 * holiday system dates from 1999; no source has official data before it.
 */
const FIRST_YEAR_ASKED = 1999;

let packageYears: ReadonlyMap<number, CalendarYear> | undefined;

/** The package's years, computed on first use (about 50 ms) and kept. */
export function chineseDaysYears(): ReadonlyMap<number, CalendarYear> {
  if (packageYears) return packageYears;
  const years = new Map<number, CalendarYear>();
  for (let year = FIRST_YEAR_ASKED; year < 3000; year++) {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const holidays = getHolidaysInRange(from, to, false);
    if (holidays.length === 0) {
      if (years.size) break;
      continue;
    }
    // With weekends included the workdays are the weekdays plus the make-up weekend days.
    const weekdays = new Set(getWorkdaysInRange(from, to, false));
    const workdays = getWorkdaysInRange(from, to, true).filter((day) => !weekdays.has(day));
    years.set(year, { holidays, workdays });
  }
  packageYears = years;
  return years;
}

/** The calendar from the package and, when WORKDAY_CALENDAR_FILE is set, the file; throws ConfigError for a bad file. */
export function loadWorkingDayCalendar(env: Record<string, string | undefined> = process.env): WorkingDayCalendar {
  return new WorkingDayCalendar(loadCalendarData(env));
}

export function loadCalendarData(env: Record<string, string | undefined>): CalendarData {
  const base = { name: 'chinese-days', version: packageVersion, years: chineseDaysYears() };
  const file = env[CALENDAR_FILE_VARIABLE];
  if (!file) return base;
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fileError(path, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  const fromFile = parseCalendarFile(text, path);
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return {
    name: 'chinese-days+file',
    version: `${packageVersion}+${digest}`,
    years: new Map([...base.years, ...fromFile]),
  };
}
