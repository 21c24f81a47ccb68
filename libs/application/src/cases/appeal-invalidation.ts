/**
 * An upheld appeal takes the rating off the ballot: EvaluationInvalidated with the reason
 * `appeal upheld: …` and the centre as actor, through the auditor's path. The decision's handler
 * does it right after appending the decision; the reactor does it again when it sees the decision,
 * which covers a crash between the two appends. Either way it invalidates only the evaluation the
 * case is about, while it is still the current one: once it was invalidated, withdrawn or rated
 * anew, there is nothing to do (so the second attempt, or a replay, changes nothing).
 */
import { appealInvalidationReason, NotFound, OpenedCase, streams } from '@survey/domain';
import type { EventStore } from '@survey/event-store';
import { invalidateEvaluation } from '../audit/invalidation';
import type { Aggregates } from '../runtime/aggregates';
import type { CommandMeta } from '../runtime/command-meta';

const RATING_TYPES = new Set(['EvaluationSubmitted', 'EvaluationRevised']);

/** True when this call invalidated it; false when there was nothing (left) to invalidate. */
export async function invalidateUpheld(events: EventStore, aggregates: Aggregates, state: OpenedCase, decisionReason: string, meta: CommandMeta): Promise<boolean> {
  const { campaignId, creditCode, agencyId, followedUpTo } = state;
  const ballot = await events.readStream(streams.ballot(campaignId, creditCode));
  const last = ballot.filter((e) => (e.data as { agencyId?: unknown }).agencyId === agencyId).pop();
  if (!last || !RATING_TYPES.has(last.type) || last.position !== followedUpTo) return false;
  try {
    const { events: appended } = await invalidateEvaluation(aggregates, { campaignId, creditCode, agencyId, reason: appealInvalidationReason(decisionReason) }, meta);
    return appended.length > 0;
  } catch (error) {
    // Withdrawn or invalidated between the read and the decision: the rating has left the figures already.
    if (error instanceof NotFound) return false;
    throw error;
  }
}
