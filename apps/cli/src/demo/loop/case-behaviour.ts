/**
 * How the demo's simulated people handle one rectification case, drawn from the seed and the case's
 * evaluation (never from its id, a random event id), so that a plan gives the same story on every
 * run: how many working days the centre's call (回访) waits, whether the enterprise cannot be
 * reached, the agency's appeal and its fate, how long each round's rectification takes, and what
 * the enterprise answers to it (a negative follow-up reopens the case; a second one escalates it).
 * Upheld appeals are not drawn here: the plan names them (ballots' `upheldAppeals`), because the
 * published headline accounts for them.
 */
import { intBelow, streamRng } from '../prng';

export type FollowUp = { level: 'very_satisfied' | 'satisfied' | 'dissatisfied' | 'very_dissatisfied'; afterDays: number } | null;

export interface CaseBehaviour {
  /** Working-day turns after the opening before the centre calls: 0 is the first one, in time. */
  contactWait: number;
  /** The enterprise cannot be reached: the centre closes the case `unreachable` instead of calling. */
  unreachable: boolean;
  appeal: 'none' | 'rejected' | 'upheld';
  /** The agency's report, per round: `rectified` or an `explanation`, that many working days after the call or the reopening. */
  reports: { kind: 'rectified' | 'explanation'; afterDays: number }[];
  /** The enterprise's follow-up per round (calendar days after the report), or none: the case closes after seven days. */
  followUps: FollowUp[];
}

const LATE_CONTACT = 0.06;
const UNREACHABLE = 0.015;
const REJECTED_APPEAL = 0.01;
const LATE_REPORT = 0.05;
const EXPLANATION = 0.22;
const NO_FOLLOW_UP = 0.12;
const NEGATIVE_FIRST = 0.08;
const NEGATIVE_SECOND = 0.35;

/** `nth`: how many cases this evaluation opened before (a later bad revision after a closing opens another). */
export function caseBehaviour(seed: number, evaluation: { campaignId: string; creditCode: string; agencyId: string }, nth: number, upheld: boolean): CaseBehaviour {
  const rng = streamRng(seed, `case:${evaluation.campaignId}:${evaluation.creditCode}:${evaluation.agencyId}:${nth}`);
  const contactWait = rng() < LATE_CONTACT ? 1 + intBelow(rng, 3) : 0;
  const unreachable = !upheld && rng() < UNREACHABLE;
  const appeal = upheld ? 'upheld' : rng() < REJECTED_APPEAL ? 'rejected' : 'none';
  const report = () => ({
    kind: rng() < EXPLANATION ? ('explanation' as const) : ('rectified' as const),
    // 2–12 working days, or (late) 16–20: after the 15 working days from the review.
    afterDays: rng() < LATE_REPORT ? 16 + intBelow(rng, 5) : 2 + intBelow(rng, 11),
  });
  const followUp = (negative: number): FollowUp => {
    if (rng() < NO_FOLLOW_UP) return null;
    const afterDays = 1 + intBelow(rng, 5);
    if (rng() < negative) return { level: rng() < 0.7 ? 'dissatisfied' : 'very_dissatisfied', afterDays };
    return { level: rng() < 0.45 ? 'very_satisfied' : 'satisfied', afterDays };
  };
  return { contactWait, unreachable, appeal, reports: [report(), report()], followUps: [followUp(NEGATIVE_FIRST), followUp(NEGATIVE_SECOND)] };
}
