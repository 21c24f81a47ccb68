/**
 * The official calendars of 2019 and 2020 as the State Council published them (国办发明电〔2018〕15号,
 * 〔2019〕16号, and 〔2020〕1号, which extended the 2020 Spring Festival to 2 February and so dropped
 * the make-up Saturday of 1 February), for specs that count working days on real dates. 2021 and
 * later are deliberately absent: an uncovered year.
 */
import { CalendarData, WorkingDayCalendar } from '../calendar';

/** A wall-clock time in Asia/Shanghai ('2019-12-06 15:00'). */
export const shanghai = (text: string): Date => new Date(`${text.replace(' ', 'T')}:00+08:00`);
/** 24:00 Asia/Shanghai at the end of that date, as an ISO UTC string. */
export const endOf = (day: string): string => new Date(`${day}T24:00:00+08:00`).toISOString();

const range = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
};

export const officialCalendarData: CalendarData = {
  name: 'test-official',
  version: '2019-2020',
  years: new Map([
    [2019, {
      holidays: ['2019-01-01', ...range('2019-02-04', '2019-02-10'), ...range('2019-04-05', '2019-04-07'), ...range('2019-05-01', '2019-05-04'),
        ...range('2019-06-07', '2019-06-09'), ...range('2019-09-13', '2019-09-15'), ...range('2019-10-01', '2019-10-07')],
      workdays: ['2019-02-02', '2019-02-03', '2019-04-28', '2019-05-05', '2019-09-29', '2019-10-12'],
    }],
    [2020, {
      holidays: ['2020-01-01', ...range('2020-01-24', '2020-02-02'), ...range('2020-04-04', '2020-04-06'), ...range('2020-05-01', '2020-05-05'),
        ...range('2020-06-25', '2020-06-27'), ...range('2020-10-01', '2020-10-08')],
      workdays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
    }],
  ]),
};

export const officialCalendar = () => new WorkingDayCalendar(officialCalendarData);
