/**
 * Loads the working-day calendar deadlines are counted on: the official holidays and make-up
 * workdays of the pinned `chinese-days` package (2004–2026 in 1.5.7), read once per process from
 * its data file, with the years of WORKDAY_CALENDAR_FILE merged over them (a year in the file replaces the
 * package's year whole). The stamp every deadline records names the data: `chinese-days` and the
 * package version, plus the first 12 hex digits of the file's sha256 when there is a file, so an
 * auditor can tell which data a deadline was computed with.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import packageData from 'chinese-days/dist/chinese-days.json';
import { version as packageVersion } from 'chinese-days/package.json';
import { CalendarData, CalendarYear, isWeekend, parseIsoDay, WorkingDayCalendar } from '@survey/domain';
import { CALENDAR_FILE_VARIABLE, fileError, parseCalendarFile } from './calendar-file';

let packageYears: ReadonlyMap<number, CalendarYear> | undefined;

/**
 * The package's years, from the data file it ships (its `holidays` and make-up `workdays`, keyed by
 * date), read on first use and kept. Asking its API year by year gave the same days but took half a
 * second, over a second on a busy machine, in every process that counts a deadline; this takes a
 * millisecond. Make-up workdays are the weekend days it lists (a weekday listed changes nothing).
 */
export function chineseDaysYears(): ReadonlyMap<number, CalendarYear> {
  if (packageYears) return packageYears;
  const byYear = new Map<number, { holidays: string[]; workdays: string[] }>();
  const add = (day: string, kind: 'holidays' | 'workdays') => {
    const year = Number(day.slice(0, 4));
    let entry = byYear.get(year);
    if (!entry) byYear.set(year, (entry = { holidays: [], workdays: [] }));
    entry[kind].push(day);
  };
  for (const day of Object.keys(packageData.holidays)) add(day, 'holidays');
  for (const day of Object.keys(packageData.workdays)) if (isWeekend(parseIsoDay(day)!)) add(day, 'workdays');
  packageYears = new Map([...byYear].sort(([a], [b]) => a - b).map(([year, days]) => [year, { holidays: days.holidays.sort(), workdays: days.workdays.sort() }]));
  return packageYears;
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
