/**
 * The working-day calendar of a process (the package's years and WORKDAY_CALENDAR_FILE's over
 * them), loaded on first use and kept. Reading the package's years takes about 50 ms, several times
 * that on a busy machine: a process that counts no deadline (the CLI's imports, a verification)
 * never pays for it. A process that counts deadlines can call get() while it starts, so that a bad
 * file stops it there with its one ConfigError line.
 */
import type { WorkingDayCalendar } from '@survey/domain';
import { loadWorkingDayCalendar } from './working-day-calendar';

export class CalendarLoader {
  private calendar: WorkingDayCalendar | undefined;

  constructor(private readonly env: Record<string, string | undefined>) {}

  get(): WorkingDayCalendar {
    return (this.calendar ??= loadWorkingDayCalendar(this.env));
  }
}
