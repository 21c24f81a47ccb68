/**
 * The official working-day calendar (法定节假日 and 调休 make-up workdays) and the deadlines counted
 * on it. "Within N working days of a moment" is the end (24:00 Asia/Shanghai) of the N-th working
 * day after that moment's local date. The data (which days are holidays, which weekend days are
 * worked) comes from outside, per year, with a name and version that every event recording a
 * deadline carries, so a replay never recomputes a deadline with other data. A year the data does
 * not cover counts Monday to Friday, and the deadline says so (`calendarCovered: false`).
 */
import { endOfLocalDay, isWeekend, LocalDay, localDayOf, parseIsoDay, yearOf } from './local-day';

/** One year of the official calendar, as `YYYY-MM-DD` dates of that year. */
export interface CalendarYear {
  /** Days off: official holidays (a holiday on a weekend may be listed too; it changes nothing). */
  holidays: readonly string[];
  /** Make-up working days (调休上班), which fall on a Saturday or a Sunday. */
  workdays: readonly string[];
}

export interface CalendarData {
  name: string;
  version: string;
  years: ReadonlyMap<number, CalendarYear>;
}

/** What an event records about the calendar its deadlines were computed with. */
export interface CalendarStamp {
  name: string;
  version: string;
}

export interface Deadline {
  /** ISO 8601 UTC, e.g. `2019-12-09T16:00:00.000Z` for 24:00 local on 2019-12-09. */
  due: string;
  /** false when a day counted lies in a year the data does not cover (counted Monday to Friday). */
  calendarCovered: boolean;
}

export interface CalendarCoverage {
  /** The last day of the run of covered years that starts with today's; null if today's is not covered. */
  coveredUntil: string | null;
  /** Set when the coming days are not all covered. */
  warning: string | null;
}

export class WorkingDayCalendar {
  readonly stamp: CalendarStamp;
  private readonly holidays = new Set<LocalDay>();
  private readonly workdays = new Set<LocalDay>();
  private readonly coveredYears: ReadonlySet<number>;

  constructor(data: CalendarData) {
    this.stamp = { name: data.name, version: data.version };
    this.coveredYears = new Set(data.years.keys());
    for (const [year, days] of data.years) {
      for (const text of days.holidays) this.holidays.add(dayOfYear(text, year));
      for (const text of days.workdays) this.workdays.add(dayOfYear(text, year));
    }
  }

  isCovered(day: LocalDay): boolean {
    return this.coveredYears.has(yearOf(day));
  }

  isWorkingDay(day: LocalDay): boolean {
    if (!this.isCovered(day)) return !isWeekend(day);
    if (this.workdays.has(day)) return true;
    return !isWeekend(day) && !this.holidays.has(day);
  }

  /** The end of the `n`-th working day after the moment's local date. */
  withinWorkingDays(moment: Date, n: number): Deadline {
    return this.afterDay(localDayOf(moment), n);
  }

  /**
   * A deadline moved by `n` more working days (a granted extension): counted from the day the
   * deadline ended, so that a deadline at 24:00 on a Tuesday extended by 1 ends on the next working
   * day, not the one after.
   */
  extend(deadline: Deadline, n: number): Deadline {
    const extended = this.afterDay(localDayOf(new Date(Date.parse(deadline.due) - 1)), n);
    return { due: extended.due, calendarCovered: extended.calendarCovered && deadline.calendarCovered };
  }

  coverage(now: Date, days = 60): CalendarCoverage {
    const today = localDayOf(now);
    let year = yearOf(today);
    if (!this.coveredYears.has(year)) {
      return { coveredUntil: null, warning: `the working-day calendar does not cover ${year}: deadlines are counted Monday to Friday` };
    }
    while (this.coveredYears.has(year + 1)) year++;
    const coveredUntil = `${year}-12-31`;
    const last = parseIsoDay(coveredUntil)!;
    const warning = today + days > last
      ? `the working-day calendar covers days up to ${coveredUntil}: deadlines after it are counted Monday to Friday until the official calendar of ${year + 1} is added`
      : null;
    return { coveredUntil, warning };
  }

  private afterDay(start: LocalDay, n: number): Deadline {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`a number of working days must be a whole number from 1, got ${n}`);
    let day = start;
    let covered = true;
    for (let counted = 0; counted < n; ) {
      day++;
      covered &&= this.isCovered(day);
      if (this.isWorkingDay(day)) counted++;
    }
    return { due: endOfLocalDay(day).toISOString(), calendarCovered: covered };
  }
}

/** The end (24:00 local) of the `n`-th calendar day after the moment's local date: 7 days to rate. */
export function withinNaturalDays(moment: Date, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`a number of days must be a whole number from 1, got ${n}`);
  return endOfLocalDay(localDayOf(moment) + n).toISOString();
}

function dayOfYear(text: string, year: number): LocalDay {
  const day = parseIsoDay(text);
  if (day === undefined || yearOf(day) !== year) throw new RangeError(`calendar data for ${year}: ${text} is not a date of that year`);
  return day;
}
