/**
 * The calendar loader on the real package and on real files in a temp directory: the package's
 * data gives the deadlines the State Council's calendars give; a file extends it to later years and
 * replaces a year it names; a bad file stops start-up with one line naming WORKDAY_CALENDAR_FILE.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CalendarYear } from '@survey/domain';
import { endOf, officialCalendarData, shanghai } from '@survey/domain/testing';
import { ConfigError, startupLine } from '../config/config';
import { chineseDaysYears, loadCalendarData, loadWorkingDayCalendar } from './working-day-calendar';
import { version as chineseDaysVersion } from 'chinese-days/package.json';

const sorted = (y: CalendarYear | undefined) => y && { holidays: [...y.holidays].sort(), workdays: [...y.workdays].sort() };

describe('the working-day calendar loader', () => {
  let dir: string;
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'calendar-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('from the chinese-days package alone', () => {
    const calendar = loadWorkingDayCalendar({});

    it('names the package and its pinned version', () =>
      expect(calendar.stamp).toEqual({ name: 'chinese-days', version: chineseDaysVersion }));

    it('holds the 2019 and 2020 calendars as the State Council published them', () => {
      for (const year of [2019, 2020]) expect(sorted(chineseDaysYears().get(year))).toEqual(sorted(officialCalendarData.years.get(year)));
    });

    it('covers a contiguous run of years ending where the package data ends, and no year after', () => {
      const years = [...chineseDaysYears().keys()];
      expect(years).toEqual(years.map((_, i) => years[0] + i));
      expect(years).toEqual(expect.arrayContaining([2019, 2020]));
      const after = years[years.length - 1] + 1;
      expect(calendar.withinWorkingDays(shanghai(`${after}-06-01 10:00`), 1).calendarCovered).toBe(false);
    });

    it('counts the real dates of the specification', () => {
      expect(calendar.withinWorkingDays(shanghai('2019-12-06 15:00'), 1)).toEqual({ due: '2019-12-09T16:00:00.000Z', calendarCovered: true });
      expect(calendar.withinWorkingDays(shanghai('2019-09-30 10:00'), 15).due).toBe(endOf('2019-10-25'));
      expect(calendar.withinWorkingDays(shanghai('2019-10-12 09:30'), 1).due).toBe(endOf('2019-10-14'));
      expect(calendar.withinWorkingDays(shanghai('2020-01-20 16:00'), 15).due).toBe(endOf('2020-02-18'));
    });

    it('is read once per process', () => expect(chineseDaysYears()).toBe(chineseDaysYears()));
  });

  describe('with WORKDAY_CALENDAR_FILE', () => {
    const firstYearAfterPackage = () => Math.max(...chineseDaysYears().keys()) + 1;

    it('adds the years after the package and stamps the file into the version', () => {
      const year = firstYearAfterPackage();
      // The first Saturday of that year, declared a make-up workday; Jan 1st a holiday.
      const saturday = [...Array(7).keys()].map((d) => `${year}-01-0${d + 1}`).find((d) => new Date(d).getUTCDay() === 6)!;
      const path = file('later.json', JSON.stringify({ [year]: { holidays: [`${year}-01-01`], workdays: [saturday] } }));
      const data = loadCalendarData({ WORKDAY_CALENDAR_FILE: path });
      expect(data.name).toBe('chinese-days+file');
      expect(data.version).toMatch(new RegExp(`^${chineseDaysVersion}\\+[0-9a-f]{12}$`));
      const calendar = loadWorkingDayCalendar({ WORKDAY_CALENDAR_FILE: path });
      expect(calendar.withinWorkingDays(shanghai(`${year}-06-01 10:00`), 1).calendarCovered).toBe(true);
      const friday = new Date(Date.parse(`${saturday}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(calendar.withinWorkingDays(shanghai(`${friday} 10:00`), 1).due).toBe(endOf(saturday));
      expect(calendar.coverage(shanghai(`${year}-01-02 10:00`)).coveredUntil).toBe(`${year}-12-31`);
    });

    it('replaces a year the package has', () => {
      // Without the National Day week, 2019-09-30 + 1 working day is Tuesday 10-01.
      const path = file('replace.json', JSON.stringify({ 2019: { holidays: [], workdays: [] } }));
      const calendar = loadWorkingDayCalendar({ WORKDAY_CALENDAR_FILE: path });
      expect(calendar.withinWorkingDays(shanghai('2019-09-30 10:00'), 1).due).toBe(endOf('2019-10-01'));
      expect(calendar.withinWorkingDays(shanghai('2020-01-20 16:00'), 15).due).toBe(endOf('2020-02-18'));
    });

    it('gives a different version for different content', () => {
      const a = loadCalendarData({ WORKDAY_CALENDAR_FILE: file('a.json', '{"2030":{"holidays":[],"workdays":[]}}') });
      const b = loadCalendarData({ WORKDAY_CALENDAR_FILE: file('b.json', '{"2030":{"holidays":["2030-01-01"],"workdays":[]}}') });
      expect(a.version).not.toBe(b.version);
    });

    it.each([
      ['not JSON', '{ "2027": ', /is not JSON/],
      ['an array', '[]', /must be a JSON object whose keys are years/],
      ['an empty object', '{}', /holds no year/],
      ['a key that is no year', '{ "27": { "holidays": [], "workdays": [] } }', /key "27" is not a year/],
      ['a __proto__ key', '{ "__proto__": { "holidays": [], "workdays": [] } }', /key "__proto__" is not a year/],
      ['a year that is no object', '{ "2027": [] }', /2027 must be an object/],
      ['a missing list', '{ "2027": { "holidays": [] } }', /2027\.workdays must be an array/],
      ['a misspelt list', '{ "2027": { "holiday": [], "holidays": [], "workdays": [] } }', /2027\.holiday is not expected/],
      ['a date that does not exist', '{ "2027": { "holidays": ["2027-02-30"], "workdays": [] } }', /2027\.holidays\[0\] "2027-02-30" is not a date/],
      ['a date of another year', '{ "2027": { "holidays": ["2028-01-01"], "workdays": [] } }', /2028-01-01 is not in 2027/],
      ['a make-up workday on a weekday', '{ "2027": { "holidays": [], "workdays": ["2027-02-08"] } }', /2027-02-08 is a weekday/],
      ['a day both off and worked', '{ "2027": { "holidays": ["2027-02-06"], "workdays": ["2027-02-06"] } }', /both a holiday and a workday/],
    ])('stops start-up on %s, in one line naming the variable and the file', (_, content, problem) => {
      const path = file('bad.json', content);
      const load = () => loadWorkingDayCalendar({ WORKDAY_CALENDAR_FILE: path });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(problem);
      try {
        load();
      } catch (error) {
        const line = startupLine(error)!;
        expect(line).toMatch(/^configuration: WORKDAY_CALENDAR_FILE /);
        expect(line).toContain(path);
        expect(line).not.toContain('\n');
      }
    });

    it('stops start-up on a file that cannot be read', () =>
      expect(() => loadWorkingDayCalendar({ WORKDAY_CALENDAR_FILE: join(dir, 'missing.json') })).toThrow(/WORKDAY_CALENDAR_FILE .*missing\.json.*cannot be read \(ENOENT\)/));

    it('lists at most five problems and counts the rest', () => {
      const path = file('many.json', JSON.stringify({ 2027: { holidays: Array.from({ length: 8 }, (_, i) => `bad-${i}`), workdays: [] } }));
      expect(() => loadWorkingDayCalendar({ WORKDAY_CALENDAR_FILE: path })).toThrow(/bad-4.*; and 3 more$/);
    });
  });
});
