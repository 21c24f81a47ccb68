/** The earliest of recorded due times: compared as instants, nulls and non-instants left out. */
import { earliestDue } from './earliest-due';

describe('earliestDue', () => {
  it('compares instants, not text', () => {
    expect(earliestDue(['2019-12-10T16:00:00.000Z', '2019-12-10T15:00:00.000+00:00', null])).toBe('2019-12-10T15:00:00.000+00:00');
    expect(earliestDue(['2019-12-11T00:00:00+08:00', '2019-12-10T17:00:00.000Z'])).toBe('2019-12-11T00:00:00+08:00');
  });
  it('is null when nothing is due, and leaves out what is no instant', () => {
    expect(earliestDue([])).toBeNull();
    expect(earliestDue([null, null])).toBeNull();
    expect(earliestDue(['not a date', '2019-12-10T16:00:00.000Z'])).toBe('2019-12-10T16:00:00.000Z');
  });
});
