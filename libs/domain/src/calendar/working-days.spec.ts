import { endOf, officialCalendar, officialCalendarData, shanghai } from '../testing/calendar';
import { localDayOf, parseIsoDay } from './local-day';
import { WorkingDayCalendar, withinNaturalDays } from './working-days';

const calendar = officialCalendar();
const within = (at: string, n: number) => calendar.withinWorkingDays(shanghai(at), n);

describe('working-day deadlines (Asia/Shanghai, official calendar)', () => {
  it('a review on Friday 2019-12-06 15:00 has its contact due at the end of Monday: 2019-12-09T16:00:00.000Z', () => {
    expect(within('2019-12-06 15:00', 1)).toEqual({ due: '2019-12-09T16:00:00.000Z', calendarCovered: true });
  });

  describe('the eve of the 2019 National Day week (holidays 10-01..10-07, make-up days Sun 09-29 and Sat 10-12)', () => {
    it('a review on Monday 09-30 is contacted by the end of Tuesday 10-08, the first working day after the week', () =>
      expect(within('2019-09-30 10:00', 1).due).toBe(endOf('2019-10-08')));
    it('a review on Saturday 09-28 (an ordinary weekend) is due on the make-up Sunday 09-29', () =>
      expect(within('2019-09-28 10:00', 1).due).toBe(endOf('2019-09-29')));
    it('15 working days from 09-30 count the make-up Saturday 10-12 and skip the week', () =>
      // 10-08..10-11 (4), Sat 10-12 (5), 10-14..10-18 (10), 10-21..10-25 (15)
      expect(within('2019-09-30 10:00', 15).due).toBe(endOf('2019-10-25')));
  });

  it('a review on the make-up Saturday 2019-10-12 is due at the end of Monday 10-14', () =>
    expect(within('2019-10-12 09:30', 1).due).toBe(endOf('2019-10-14')));

  describe('the local date counts, not the UTC one', () => {
    it('Thursday 2019-12-05 23:59 local is still Thursday: due at the end of Friday', () =>
      expect(within('2019-12-05 23:59', 1).due).toBe(endOf('2019-12-06')));
    it('Friday 2019-12-06 00:01 local (still Thursday in UTC) is Friday: due at the end of Monday', () => {
      const moment = shanghai('2019-12-06 00:01');
      expect(moment.toISOString().slice(0, 10)).toBe('2019-12-05');
      expect(calendar.withinWorkingDays(moment, 1).due).toBe(endOf('2019-12-09'));
    });
    it('Thursday 24:00 local is Friday 00:00: due at the end of Monday', () => expect(within('2019-12-05 24:00', 1).due).toBe(endOf('2019-12-09')));
  });

  it('15 working days across the 2020 Spring Festival (01-24..02-02, extended; make-up Sunday 01-19)', () => {
    // From Mon 01-20: 01-21..01-23 (3), 02-03..02-07 (8), 02-10..02-14 (13), 02-17, 02-18 (15)
    expect(within('2020-01-20 16:00', 15)).toEqual({ due: endOf('2020-02-18'), calendarCovered: true });
    // From the make-up Sunday 01-19: Monday 01-20 is the first working day after it
    expect(within('2020-01-19 11:00', 1).due).toBe(endOf('2020-01-20'));
  });

  describe('a year the data does not cover', () => {
    it('counts Monday to Friday and says so', () =>
      // 2021-01-01 is a Friday (a holiday in fact, unknown to this data): it counts
      expect(within('2020-12-31 10:00', 1)).toEqual({ due: endOf('2021-01-01'), calendarCovered: false }));
    it('counts weekends out in an uncovered year', () =>
      expect(within('2021-03-05 10:00', 1)).toEqual({ due: endOf('2021-03-08'), calendarCovered: false }));
    it('is uncovered as soon as one day counted is', () =>
      expect(within('2020-12-25 10:00', 5).calendarCovered).toBe(false));
    it('is covered when every day counted is', () => expect(within('2020-12-24 10:00', 4).calendarCovered).toBe(true));
  });

  describe('extensions', () => {
    it('moves a deadline by working days counted from the day it ended', () =>
      expect(calendar.extend({ due: endOf('2019-09-30'), calendarCovered: true }, 1)).toEqual({ due: endOf('2019-10-08'), calendarCovered: true }));
    it('stays uncovered if the deadline it extends was', () =>
      expect(calendar.extend({ due: endOf('2019-12-02'), calendarCovered: false }, 1).calendarCovered).toBe(false));
  });

  it('refuses a count that is not a whole number from 1', () => {
    expect(() => within('2019-12-06 15:00', 0)).toThrow(RangeError);
    expect(() => within('2019-12-06 15:00', 1.5)).toThrow(RangeError);
  });

  describe('natural days (7 days to rate)', () => {
    it('ends at 24:00 local of the 7th day after the local date', () =>
      expect(withinNaturalDays(shanghai('2019-12-06 15:00'), 7)).toBe(endOf('2019-12-13')));
    it('counts holidays and weekends alike', () =>
      expect(withinNaturalDays(shanghai('2019-09-30 23:59'), 7)).toBe(endOf('2019-10-07')));
  });

  describe('coverage', () => {
    it('runs to the end of the last covered year and warns within 60 days of it', () => {
      expect(calendar.coverage(shanghai('2019-06-01 12:00'))).toEqual({ coveredUntil: '2020-12-31', warning: null });
      const late = calendar.coverage(shanghai('2020-11-15 12:00'));
      expect(late.coveredUntil).toBe('2020-12-31');
      expect(late.warning).toMatch(/2020-12-31.*2021/);
    });
    it('is 60 days by default and counts from the local date', () => {
      expect(calendar.coverage(shanghai('2020-11-01 00:00')).warning).toBeNull(); // 11-01 + 60 days = 12-31
      expect(calendar.coverage(shanghai('2020-11-02 00:00')).warning).not.toBeNull();
    });
    it('has nothing to offer in an uncovered year', () =>
      expect(calendar.coverage(shanghai('2021-06-01 12:00'))).toEqual({ coveredUntil: null, warning: expect.stringMatching(/2021/) }));
  });

  it('knows its name and version', () => expect(calendar.stamp).toEqual({ name: officialCalendarData.name, version: officialCalendarData.version }));

  it('refuses data that puts a date in the wrong year', () =>
    expect(() => new WorkingDayCalendar({ name: 'x', version: '1', years: new Map([[2019, { holidays: ['2020-01-01'], workdays: [] }]]) })).toThrow(/2020-01-01/));

  it('local days: dates only when real', () => {
    expect(parseIsoDay('2019-02-29')).toBeUndefined();
    expect(parseIsoDay('2020-02-29')).toBe(localDayOf(shanghai('2020-02-29 12:00')));
  });
});
