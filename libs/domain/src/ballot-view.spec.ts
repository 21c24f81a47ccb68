import { ballotView } from './ballot-view';
import type { BallotEvent } from './events';
import { acme } from './testing/builders';

const key = { campaignId: 'xz-2019', creditCode: acme, district: '鼓楼区', industry: 'C', size: 'small' as const };
const at = (day: number) => `2019-11-${String(day).padStart(2, '0')}T00:00:00.000Z`;
const ev = (event: BallotEvent, day: number) => ({ event, recordedAt: at(day) });

describe('ballotView', () => {
  it('shows current evaluations with their first submission and last revision times, and invalidations', () => {
    const view = ballotView('xz-2019', [
      ev({ type: 'EvaluationSubmitted', data: { ...key, agencyId: 'tax', rating: 'satisfied', answers: {}, comment: null } }, 1),
      ev({ type: 'EvaluationRevised', data: { ...key, agencyId: 'tax', rating: 'very_satisfied', answers: {}, comment: 'ok' } }, 2),
      ev({ type: 'EvaluationSubmitted', data: { ...key, agencyId: 'police', rating: 'satisfied', answers: {}, comment: null } }, 3),
      ev({ type: 'EvaluationWithdrawn', data: { ...key, agencyId: 'police' } }, 4),
      ev({ type: 'EvaluationSubmitted', data: { ...key, agencyId: 'housing', rating: 'dissatisfied', answers: {}, comment: null } }, 5),
      ev({ type: 'EvaluationInvalidated', data: { ...key, agencyId: 'housing', reason: '重复提交' } }, 6),
    ]);
    expect(view).toEqual({
      campaignId: 'xz-2019',
      evaluations: [{ agencyId: 'tax', rating: 'very_satisfied', answers: {}, comment: 'ok', submittedAt: at(1), revisedAt: at(2) }],
      invalidated: [{ agencyId: 'housing', reason: '重复提交', at: at(6) }],
    });
  });
});
