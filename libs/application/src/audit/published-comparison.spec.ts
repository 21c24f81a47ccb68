import type { HeadlineReport } from '@survey/reporting';
import { withPublished } from './published-comparison';

const live = (rate: number | null, respondents: number, evaluations: number) =>
  ({ respondents, evaluations, satisfaction: { rate, low: null, high: null, n: evaluations } }) as unknown as HeadlineReport;
const publication = (figures: Record<string, unknown>) => ({ publishedAt: '2020-01-10T00:00:00.000Z', position: 42, figures });

describe("the live report's note on the published figures", () => {
  it('is absent before publishing', () => {
    expect(withPublished(live(82, 10, 20), null)).toEqual(live(82, 10, 20));
  });

  it('says the live figures are the published ones right after publishing', () => {
    const r = withPublished(live(82, 10, 20), publication({ respondents: 10, evaluations: 20, satisfaction: { rate: 82 } }));
    expect(r.published).toEqual({
      publishedAt: '2020-01-10T00:00:00.000Z', position: 42, rate: 82, respondents: 10, evaluations: 20,
      differs: false, differsBy: { points: 0, respondents: 0, evaluations: 0 },
    });
  });

  it('gives the difference in points between the displayed rates without float residue', () => {
    const r = withPublished(live(81.9, 10, 19), publication({ respondents: 10, evaluations: 20, satisfaction: { rate: 82 } }));
    expect(r.published).toMatchObject({ differs: true, differsBy: { points: -0.1, respondents: 0, evaluations: -1 } });
    expect(withPublished(live(70.3, 9, 19), publication({ respondents: 10, evaluations: 20, satisfaction: { rate: 70.1 } })).published?.differsBy.points).toBe(0.2);
  });

  it('says it differs when only a count moved, and has no points when a rate is missing', () => {
    expect(withPublished(live(82, 9, 20), publication({ respondents: 10, evaluations: 20, satisfaction: { rate: 82 } })).published)
      .toMatchObject({ differs: true, differsBy: { points: 0, respondents: -1, evaluations: 0 } });
    expect(withPublished(live(null, 0, 0), publication({ respondents: 1, evaluations: 1, satisfaction: { rate: 100 } })).published)
      .toMatchObject({ differs: true, differsBy: { points: null, respondents: -1, evaluations: -1 } });
  });
});
