/**
 * An enterprise's own view of its ballot, folded from its stream with the times the events were
 * recorded: current evaluations, and the ones an auditor invalidated with the reason.
 */
import type { BallotEvent } from './events';

export interface BallotViewEvaluation {
  agencyId: string;
  rating: string;
  answers: Record<string, string>;
  comment: string | null;
  submittedAt: string;
  revisedAt: string | null;
}

export interface BallotView {
  campaignId: string;
  evaluations: BallotViewEvaluation[];
  invalidated: { agencyId: string; reason: string; at: string }[];
}

export function ballotView(campaignId: string, events: { event: BallotEvent; recordedAt: string }[]): BallotView {
  const current = new Map<string, BallotViewEvaluation>();
  const invalidated: BallotView['invalidated'] = [];
  for (const { event, recordedAt } of events) {
    const { agencyId } = event.data;
    switch (event.type) {
      case 'EvaluationSubmitted':
      case 'EvaluationRevised': {
        const { rating, answers, comment } = event.data;
        const submittedAt = event.type === 'EvaluationRevised' ? (current.get(agencyId)?.submittedAt ?? recordedAt) : recordedAt;
        const revisedAt = event.type === 'EvaluationRevised' ? recordedAt : null;
        current.set(agencyId, { agencyId, rating, answers, comment, submittedAt, revisedAt });
        break;
      }
      case 'EvaluationWithdrawn':
        current.delete(agencyId);
        break;
      case 'EvaluationInvalidated':
        current.delete(agencyId);
        invalidated.push({ agencyId, reason: event.data.reason, at: recordedAt });
        break;
    }
  }
  const evaluations = [...current.values()].sort((a, b) => (a.agencyId < b.agencyId ? -1 : 1));
  return { campaignId, evaluations, invalidated };
}
