/** The rectification reports from counts: sums, rates with their denominators, overdue at a moment, nothing suppressed. */
import { publicRectification, rectificationReport, AgencyCasesInput, CaseCountsInput } from './rectification';
import { rateFigure } from './wilson';

const none: CaseCountsInput = {
  cases: 0, contacted: 0, contactedOnTime: 0, contactSettled: 0, reported: 0, rectifiedOnTime: 0, rectifySettled: 0,
  followUps: 0, followUpSatisfied: 0, appeals: 0, appealsUpheld: 0, closed: 0, closedRectified: 0,
};
const tax: AgencyCasesInput = {
  agencyId: 'tax', name: '市税务局',
  counts: { cases: 6, contacted: 4, contactedOnTime: 3, contactSettled: 4, reported: 3, rectifiedOnTime: 2, rectifySettled: 4, followUps: 3, followUpSatisfied: 2, appeals: 1, appealsUpheld: 1, closed: 4, closedRectified: 2 },
  // e waits on its contact (due 12-09) and rectification (12-27); f only on its rectification.
  openDues: [['2019-12-09T16:00:00.000Z', '2019-12-27T16:00:00.000Z'], ['2019-12-27T16:00:00.000Z']],
};
const ctor: AgencyCasesInput = {
  agencyId: 'constructor', name: '构造局',
  counts: { ...none, cases: 1, contacted: 1, contactedOnTime: 0, contactSettled: 1 },
  openDues: [['2019-12-27T16:00:00.000Z']],
};
const quiet: AgencyCasesInput = { agencyId: 'police', name: null, counts: none, openDues: [] };

describe('rectification report', () => {
  it('gives each agency its counts, open and overdue at the moment asked, and rates over their own denominators', () => {
    const report = rectificationReport('xz-2019', [tax, ctor, quiet], new Date('2019-12-20T00:00:00.000Z'));
    expect(report.agencies.map((a) => a.agencyId)).toEqual(['tax', 'constructor', 'police']);
    expect(report.agencies[0]).toEqual({
      agencyId: 'tax', name: '市税务局', cases: 6, contacted: 4, contactedOnTime: 3, reported: 3, rectifiedOnTime: 2, followUps: 3, followUpSatisfied: 2,
      appeals: 1, appealsUpheld: 1, open: 2, overdue: 1,
      rates: { contactedOnTime: rateFigure(3, 4), rectifiedOnTime: rateFigure(2, 4), followUpSatisfied: rateFigure(2, 3) },
    });
    expect(report.agencies[0].rates.contactedOnTime).toMatchObject({ rate: 75, n: 4 });
    expect(report.agencies[0].rates.followUpSatisfied).toMatchObject({ rate: 66.7, n: 3 });
  });

  it('counts an open case overdue from the moment one of its dues has passed, due time included', () => {
    const at = (iso: string) => rectificationReport('xz-2019', [tax], new Date(iso)).agencies[0].overdue;
    expect(at('2019-12-09T15:59:59.999Z')).toBe(0);
    expect(at('2019-12-09T16:00:00.000Z')).toBe(1);
    expect(at('2019-12-27T16:00:00.000Z')).toBe(2);
  });

  it('sums every agency in the total, its rates from the summed counts', () => {
    const { total } = rectificationReport('xz-2019', [tax, ctor, quiet], new Date('2019-12-28T00:00:00.000Z'));
    expect(total).toMatchObject({ cases: 7, contacted: 5, contactedOnTime: 3, open: 3, overdue: 3 });
    expect(total.rates.contactedOnTime).toEqual(rateFigure(3, 5));
  });

  it('answers nulls and n 0 where there is nothing to rate, and never suppresses a small count', () => {
    const report = rectificationReport('xz-2019', [quiet, ctor], new Date('2019-12-20T00:00:00.000Z'));
    expect(report.agencies[0].rates).toEqual({
      contactedOnTime: { rate: null, low: null, high: null, n: 0 },
      rectifiedOnTime: { rate: null, low: null, high: null, n: 0 },
      followUpSatisfied: { rate: null, low: null, high: null, n: 0 },
    });
    expect(report.agencies[1]).toMatchObject({ cases: 1, open: 1, rates: { contactedOnTime: { rate: 0, n: 1 } } });
  });
});

describe('public rectification table', () => {
  it('shows cases, closed, the share closed rectified and the share reported on time', () => {
    const table = publicRectification('xz-2019', '2020-01-10T02:00:00.000Z', [tax, quiet]);
    expect(table.agencies[0]).toEqual({ agencyId: 'tax', name: '市税务局', cases: 6, closed: 4, rectifiedRate: rateFigure(2, 4), onTimeRate: rateFigure(2, 4) });
    expect(table.agencies[1]).toMatchObject({ cases: 0, closed: 0, rectifiedRate: { rate: null, n: 0 } });
    expect(table.total).toEqual({ cases: 6, closed: 4, rectifiedRate: rateFigure(2, 4), onTimeRate: rateFigure(2, 4) });
    expect(JSON.stringify(table)).not.toMatch(/contacted|appeal|overdue/);
  });
});
