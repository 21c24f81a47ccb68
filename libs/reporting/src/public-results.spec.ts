import { badReviewRanking, publicResults } from './public-results';

describe('badReviewRanking', () => {
  it('ranks lowest bad-review rate first, equal published rates sharing a rank, unrated agencies last', () => {
    const agencies = [
      { agencyId: 'police', name: '市公安局', rank: 1, badReviewRate: 10, evaluations: 20 },
      { agencyId: 'tax', name: '市税务局', rank: 2, badReviewRate: 0, evaluations: 20 },
      { agencyId: 'zoo', name: '市动物园', rank: 4, badReviewRate: null, evaluations: 0 },
      { agencyId: 'housing', name: '市住建局', rank: 3, badReviewRate: 10, evaluations: 10 },
    ];
    expect(badReviewRanking(agencies)).toEqual([
      { rank: 1, agencyId: 'tax', name: '市税务局', badReviewRate: 0, evaluations: 20 },
      { rank: 2, agencyId: 'housing', name: '市住建局', badReviewRate: 10, evaluations: 10 },
      { rank: 2, agencyId: 'police', name: '市公安局', badReviewRate: 10, evaluations: 20 },
      { rank: 4, agencyId: 'zoo', name: '市动物园', badReviewRate: null, evaluations: 0 },
    ]);
  });

  it('makes do with figures of another shape rather than failing', () => {
    expect(badReviewRanking(undefined)).toEqual([]);
    expect(badReviewRanking([{ nothing: 1 }, null, { agencyId: 'x' }])).toEqual([{ rank: 1, agencyId: 'x', name: '', badReviewRate: null, evaluations: 0 }]);
  });

  it('passes extra published fields through and adds the ranking and publishedAt', () => {
    const r = publicResults({ campaignId: 'xz-2019', seal: { hash: 'abc' }, agencies: [] }, '2020-01-10T02:00:00.000Z');
    expect(r).toEqual({ campaignId: 'xz-2019', seal: { hash: 'abc' }, agencies: [], badReviewRanking: [], publishedAt: '2020-01-10T02:00:00.000Z' });
  });
});
