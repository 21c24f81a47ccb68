/**
 * An enterprise's submission or withdrawal on its ballot, the one way every caller takes it (the
 * ballot routes' handlers, the demo's seeder): load → decide (the domain's ballotDecider, with the
 * campaign, the enterprise and the clock as context) → append on `ballot-{campaign}-{creditCode}`
 * (ballotSeries: the same decisions, several in a row appended together).
 */
import { BallotContext, BallotState, ballotDecider, BallotEvent, streams, SubmitEvaluation, WithdrawEvaluation } from '@survey/domain';
import type { Aggregates, Loaded } from '../runtime/aggregates';
import type { CommandMeta } from '../runtime/command-meta';
import { ballotContext } from './ballot-context';

export type EvaluationStepResult = { events: BallotEvent[]; state: BallotState; revision: number };
/** The campaign and the enterprise a ballot decision reads, as a caller holds them (ballotSeries). */
export type HeldContext = Omit<BallotContext, 'now'>;

/** A ballot's steps taken in a row, appended together (ballotSeries). */
export interface BallotSeries {
  /** Decides the step on the state the steps before it left; its events join the series' append. */
  take(command: SubmitEvaluation | WithdrawEvaluation, meta: CommandMeta): Promise<EvaluationStepResult>;
  /** Appends every step's events at once (WrongExpectedRevision refuses them all); resolves once durable. */
  append(): Promise<void>;
  /** The ballot as the steps so far leave it. */
  known(): Loaded<BallotState>;
}

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

/**
 * A series of submissions and withdrawals on one ballot, as the caller holds it (Aggregates.series):
 * each decided as submitEvaluation or withdrawEvaluation decides it (the same decider and
 * context), all appended together by `append()`. The demo's seeder takes a ballot's actions of
 * one turn so, sharing one group commit instead of waiting for one each. `held`: the campaign and
 * the enterprise as a caller that wrote them holds them (the seeder), read instead of ballotContext's
 * look-ups (a stream read per ballot once the 1 s cache age has passed); the clock is still the
 * aggregates'. The decision is the same, and the ballot's own revision is still checked by the append.
 */
export function ballotSeries(
  aggregates: Aggregates, campaignId: string, creditCode: string, known: Loaded<BallotState>, held?: () => HeldContext,
): BallotSeries {
  const series = aggregates.series(streams.ballot(campaignId, creditCode), ballotDecider, known);
  const context = held ? (): BallotContext => ({ ...held(), now: aggregates.now() }) : () => ballotContext(aggregates, campaignId, creditCode);
  return {
    take(command, meta) {
      if (command.data.campaignId !== campaignId || command.data.creditCode !== creditCode) throw new Error(`a step of another ballot in the series of ${campaignId}/${creditCode}`);
      return series.decide(command, context, meta);
    },
    append: () => series.append(),
    known: () => series.known,
  };
}
