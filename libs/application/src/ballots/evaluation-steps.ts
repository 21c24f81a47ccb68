/**
 * An enterprise's submission or withdrawal on its ballot, the one way every caller takes it (the
 * ballot routes' handlers, the demo's seeder): load → decide (the domain's ballotDecider, with the
 * campaign, the enterprise and the clock as context) → append on `ballot-{campaign}-{creditCode}`.
 */
import { BallotState, ballotDecider, BallotEvent, streams, SubmitEvaluation, WithdrawEvaluation } from '@survey/domain';
import type { Aggregates, Loaded } from '../runtime/aggregates';
import type { CommandMeta } from '../runtime/command-meta';
import { ballotContext } from './ballot-context';

export type EvaluationStepResult = { events: BallotEvent[]; state: BallotState; revision: number };

/**
 * `known`: the ballot as the caller holds it from its own decisions (the demo's seeder), decided
 * on instead of a fresh load; a stale one is caught by the append's expected revision and reloaded.
 */
export function submitEvaluation(aggregates: Aggregates, data: SubmitEvaluation['data'], meta: CommandMeta, known?: Loaded<BallotState>): Promise<EvaluationStepResult> {
  const { campaignId, creditCode } = data;
  return aggregates.execute(
    streams.ballot(campaignId, creditCode), ballotDecider, { type: 'SubmitEvaluation', data },
    () => ballotContext(aggregates, campaignId, creditCode), meta, undefined, known,
  );
}

export function withdrawEvaluation(aggregates: Aggregates, data: WithdrawEvaluation['data'], meta: CommandMeta, known?: Loaded<BallotState>): Promise<EvaluationStepResult> {
  const { campaignId, creditCode } = data;
  return aggregates.execute(
    streams.ballot(campaignId, creditCode), ballotDecider, { type: 'WithdrawEvaluation', data },
    () => ballotContext(aggregates, campaignId, creditCode), meta, undefined, known,
  );
}
