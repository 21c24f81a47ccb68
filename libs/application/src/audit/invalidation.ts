/**
 * The one path that invalidates an evaluation: an auditor's command (InvalidateEvaluationHandler)
 * and an upheld appeal (the case feature, and its reactor after a crash) both go through it, so the
 * rating leaves every live figure in exactly the same way.
 */
import { ballotDecider, InvalidateEvaluation, streams } from '@survey/domain';
import { ballotContext } from '../ballots/ballot-context';
import type { Aggregates } from '../runtime/aggregates';
import type { CommandMeta } from '../runtime/command-meta';

export async function invalidateEvaluation(aggregates: Aggregates, data: InvalidateEvaluation['data'], meta: CommandMeta) {
  const { campaignId, creditCode } = data;
  return aggregates.execute(
    streams.ballot(campaignId, creditCode), ballotDecider, { type: 'InvalidateEvaluation', data },
    () => ballotContext(aggregates, campaignId, creditCode), meta,
  );
}
