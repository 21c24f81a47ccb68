/** The request lines the demo prints: the report's own figures, an agency the report names by id only shown by the demo's name. */
import { requestReport } from '@survey/reporting';
import { requestFigures } from './request-figures';

const counts = (received: number, resolved: number, onTime: number, satisfied: number, settled: number) => ({
  received, dispatchedOnTime: received, dispatchSettled: received, accepted: received, returned: 2, resolved, resolvedOnTime: onTime, resolveSettled: resolved,
  rated: settled, ratingSettled: settled, satisfied, escalated: 1,
});

describe('requestFigures', () => {
  const report = requestReport({
    from: '2019-01-01', to: null, agencies: [], categories: ['consultation', 'approval'],
    days: [{
      day: '2019-03-04', total: counts(30, 28, 21, 18, 24),
      categories: [{ category: 'consultation', counts: counts(20, 19, 15, 12, 16) }, { category: 'approval', counts: counts(10, 9, 6, 6, 8) }],
      agencies: [{ agencyId: 'tax', counts: counts(20, 19, 15, 12, 16) }, { agencyId: 'housing-construction', counts: counts(12, 12, 8, 6, 8) }],
    }],
    open: [],
  }, new Date('2020-01-01T00:00:00Z'));
  const outcomes = { extensionsAsked: 3, extensionsGranted: 2, reopened: 4, withdrawn: 1, notRated: 5, deadlinesMissed: 7 };

  it('prints the report’s counts and rates with their intervals, and the steps counted in the log', () => {
    const text = requestFigures(report, outcomes, { filed: 30, steps: 120 }, new Map([['tax', '市税务局'], ['housing-construction', '市住房和城乡建设局']]));
    expect(text).toContain('30 filed, 0 open, 0 overdue; 30 filed and 120 steps');
    expect(text).toContain(`resolved 28, on time 75.0% (95% CI ${report.total.rates.resolvedOnTime.low!.toFixed(1)}–`);
    expect(text).toContain('rated 24, satisfied 75.0%');
    expect(text).toContain('returned 2');
    expect(text).toContain('extensions asked 3, granted 2');
    expect(text).toContain('reopened 4, escalated 1');
    expect(text).toContain('withdrawn 1, closed not rated 5, deadlines missed 7');
    expect(text).toMatch(/most filed: consultation 20, approval 10; slowest to resolve: 市住房和城乡建设局 66\.7% .*; 市税务局 78\.9%/);
  });

  it('says nothing of steps on a re-run that took none, and falls back to the agency id', () => {
    const text = requestFigures(report, outcomes, { filed: 0, steps: 0 });
    expect(text).toContain('30 filed, 0 open, 0 overdue.');
    expect(text).toContain('slowest to resolve: housing-construction 66.7%');
  });
});
