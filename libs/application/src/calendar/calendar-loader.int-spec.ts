/** The calendar loader the runtime module provides: nothing read until first asked, then read once and kept. */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ConfigError } from '../config/config';
import { CalendarLoader } from './calendar-loader';

describe('CalendarLoader', () => {
  it('reads nothing when built, so a process that counts no deadline never fails on the calendar file', () => {
    const loader = new CalendarLoader({ WORKDAY_CALENDAR_FILE: join(tmpdir(), 'no-such-calendar.json') });
    expect(() => loader.get()).toThrow(ConfigError);
    expect(() => loader.get()).toThrow(/WORKDAY_CALENDAR_FILE .*no-such-calendar\.json.*cannot be read/);
  });

  it('loads the calendar on first use and keeps it', () => {
    const loader = new CalendarLoader({});
    const calendar = loader.get();
    expect(calendar.stamp).toMatchObject({ name: 'chinese-days' });
    expect(loader.get()).toBe(calendar);
  });
});
