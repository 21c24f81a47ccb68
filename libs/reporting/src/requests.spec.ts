/** The requests reports from day counts: spans of days, sums, rates over their own denominators, overdue at a moment, months, the public totals. */
import { OpenRequestInput, publicRequests, RequestCountsInput, RequestDayInput, requestReport, RequestReportInput } from './requests';
import { rateFigure } from './wilson';

const none: RequestCountsInput = {
  received: 0, dispatchedOnTime: 0, dispatchSettled: 0, accepted: 0, returned: 0, resolved: 0, resolvedOnTime: 0, resolveSettled: 0,
  rated: 0, ratingSettled: 0, satisfied: 0, escalated: 0,
};
const c = (counts: Partial<RequestCountsInput>): RequestCountsInput => ({ ...none, ...counts });

const days: RequestDayInput[] = [
  { // three received; two dispatched on time (one to tax, one to __proto__), one dispatch deadline missed
    day: '2019-11-30',
    total: c({ received: 3, dispatchedOnTime: 2, dispatchSettled: 3 }),
    categories: [{ category: 'approval', counts: c({ received: 2, dispatchedOnTime: 2, dispatchSettled: 2 }) }, { category: 'constructor', counts: c({ received: 1, dispatchSettled: 1 }) }],
    agencies: [{ agencyId: 'tax', counts: c({ received: 1, dispatchedOnTime: 1, dispatchSettled: 1 }) }, { agencyId: '__proto__', counts: c({ received: 1, dispatchedOnTime: 1, dispatchSettled: 1 }) }],
  },
  { // tax resolves one on time and one late; one rated satisfied
    day: '2019-12-02',
    total: c({ resolved: 2, resolvedOnTime: 1, resolveSettled: 2, rated: 1, ratingSettled: 1, satisfied: 1 }),
    categories: [{ category: 'approval', counts: c({ resolved: 2, resolvedOnTime: 1, resolveSettled: 2, rated: 1, ratingSettled: 1, satisfied: 1 }) }],
    agencies: [{ agencyId: 'tax', counts: c({ resolved: 2, resolvedOnTime: 1, resolveSettled: 2, rated: 1, ratingSettled: 1, satisfied: 1 }) }],
  },
  { // January: one received, returned by an agency the directory does not list
    day: '2020-01-03',
    total: c({ received: 1, returned: 1 }),
    categories: [{ category: 'land', counts: c({ received: 1, returned: 1 }) }],
    agencies: [{ agencyId: 'ghost', counts: c({ returned: 1 }) }],
  },
];
const open: OpenRequestInput[] = [
  // at tax, waits on its accept (due 12-03 24:00 local) and resolve (12-20 24:00)
  { category: 'approval', receivedDay: '2019-11-30', agencyId: 'tax', dues: [{ due: '2019-12-03T16:00:00.000Z', agencyId: 'tax' }, { due: '2019-12-20T16:00:00.000Z', agencyId: 'tax' }] },
  // at the centre, waits on its dispatch (due 2020-01-06 24:00)
  { category: 'land', receivedDay: '2020-01-03', agencyId: null, dues: [{ due: '2020-01-06T16:00:00.000Z', agencyId: null }] },
];
const input = (span: Partial<RequestReportInput> = {}): RequestReportInput => ({
  from: null, to: null, agencies: [{ agencyId: 'tax', name: '市税务局' }, { agencyId: 'police', name: '市公安局' }, { agencyId: '__proto__', name: '原型局' }],
  categories: ['consultation', 'approval', 'land'], days, open, ...span,
});

describe('requests report', () => {
  it('sums the days per agency, per category and in all, each rate over its own denominator', () => {
    const report = requestReport(input(), new Date('2019-12-10T00:00:00.000Z'));
    expect(report.agencies.map((a) => [a.agencyId, a.name])).toEqual([['tax', '市税务局'], ['police', '市公安局'], ['__proto__', '原型局'], ['ghost', null]]);
    expect(report.agencies[0]).toEqual({
      agencyId: 'tax', name: '市税务局', received: 1, dispatchedOnTime: 1, accepted: 0, returned: 0, resolved: 2, resolvedOnTime: 1, rated: 1, satisfied: 1,
      open: 1, overdue: 1, escalated: 0,
      rates: { dispatchedOnTime: rateFigure(1, 1), resolvedOnTime: rateFigure(1, 2), satisfied: rateFigure(1, 1) },
    });
    expect(report.agencies[1]).toMatchObject({ received: 0, open: 0, rates: { dispatchedOnTime: { rate: null, low: null, high: null, n: 0 } } });
    expect(report.agencies[3]).toMatchObject({ agencyId: 'ghost', returned: 1 });
    // Listed categories first (zeros included), then the others with counts.
    expect(report.categories.map((x) => [x.category, x.received])).toEqual([['consultation', 0], ['approval', 2], ['land', 1], ['constructor', 1]]);
    expect(report.total).toMatchObject({ received: 4, dispatchedOnTime: 2, resolved: 2, returned: 1, open: 2, overdue: 1 });
    expect(report.total.rates.dispatchedOnTime).toEqual(rateFigure(2, 3));
    expect(report.total.rates.dispatchedOnTime).toMatchObject({ rate: 66.7, n: 3 });
  });

  it('counts the days of the span only, both ends included, and the open requests received in it', () => {
    const december = requestReport(input({ from: '2019-12-01', to: '2019-12-31' }), new Date('2020-02-01T00:00:00.000Z'));
    expect(december).toMatchObject({ from: '2019-12-01', to: '2019-12-31' });
    expect(december.total).toMatchObject({ received: 0, resolved: 2, open: 0, overdue: 0 });
    const oneDay = requestReport(input({ from: '2019-11-30', to: '2019-11-30' }), new Date('2020-02-01T00:00:00.000Z'));
    expect(oneDay.total).toMatchObject({ received: 3, resolved: 0, open: 1, overdue: 1 });
    const since = requestReport(input({ from: '2020-01-03' }), new Date('2020-02-01T00:00:00.000Z'));
    expect(since.total).toMatchObject({ received: 1, open: 1, overdue: 1 });
    expect(since.agencies.find((a) => a.agencyId === 'tax')).toMatchObject({ received: 0, open: 0 });
  });

  it('counts an open request overdue from the moment one of its dues has passed, due time included; an agency only for its own deadlines', () => {
    const at = (iso: string) => requestReport(input(), new Date(iso));
    expect(at('2019-12-03T15:59:59.999Z').total.overdue).toBe(0);
    expect(at('2019-12-03T16:00:00.000Z').total.overdue).toBe(1);
    const late = at('2020-01-06T16:00:00.000Z');
    expect(late.total.overdue).toBe(2);
    expect(late.agencies.map((a) => a.overdue)).toEqual([1, 0, 0, 0]); // the centre's dispatch deadline is no agency's
    expect(late.categories.find((x) => x.category === 'land')?.overdue).toBe(1);
  });

  it('gives every month from the first to the last with counts or open requests, none skipped', () => {
    const { months } = requestReport(input(), new Date('2019-12-10T00:00:00.000Z'));
    expect(months.map((m) => [m.month, m.received, m.resolved, m.open])).toEqual([['2019-11', 3, 0, 1], ['2019-12', 0, 2, 0], ['2020-01', 1, 0, 1]]);
    expect(requestReport(input({ from: '2021-01-01' }), new Date()).months).toEqual([]);
  });
});

describe('public requests totals', () => {
  it('shows per category and in all what was received and resolved, and the two rates, for the year asked', () => {
    const y2019 = publicRequests(2019, ['consultation', 'approval', 'land'], days);
    expect(y2019.year).toBe(2019);
    expect(y2019.total).toEqual({ received: 3, resolved: 2, resolvedOnTimeRate: rateFigure(1, 2), satisfactionRate: rateFigure(1, 1) });
    expect(y2019.categories.map((x) => [x.category, x.received, x.resolved])).toEqual([['consultation', 0, 0], ['approval', 2, 2], ['land', 0, 0], ['constructor', 1, 0]]);
    expect(publicRequests(2020, [], days).total).toMatchObject({ received: 1, resolved: 0, satisfactionRate: { rate: null, n: 0 } });
    expect(publicRequests(null, [], days).total).toMatchObject({ received: 4, resolved: 2 });
    expect(JSON.stringify(y2019)).not.toMatch(/agency|tax|__proto__|overdue/);
  });
});
