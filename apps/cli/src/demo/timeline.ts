/**
 * The demo's one timeline: a turn a day at 09:00 in Xuzhou, from the first campaign's opening
 * until every participant is done. Each participant (a campaign's ballots with its closing and
 * publication, the rectification case loop, the requests…) is called in order at every turn, so
 * what one appends before 09:00 is there for the next to see (a bad review's case is opened by
 * the loop's reactor on the same turn). The turns do not skip quiet days: a participant that has
 * nothing due returns at once, and whatever is scheduled in a gap (a request in the summer between
 * two campaigns) gets its turn.
 */

export const DAY_MS = 86_400_000;
/** The hour (Xuzhou time) of the daily turn: before the office hours' visits, after the night's. */
export const TURN_HOUR = 9;

/** One actor of the demo's history, called once a day on the demo's clock. */
export interface DemoParticipant {
  /** Before the first turn: reads what the log already holds (a re-run resumes, appends nothing new). */
  start(): Promise<void>;
  /** The work due by `at` (09:00 Xuzhou time of that day), appended before it returns. */
  turn(at: Date): Promise<void>;
  /** Work still to do, planned but not yet begun included; the timeline ends once every participant says 0. */
  pending(): number;
  stop(): Promise<void>;
}

/** The first turn: 09:00 of the day `opensAt` (midnight in Xuzhou) starts. */
export const firstTurnOf = (opensAt: string): number => Date.parse(opensAt) + TURN_HOUR * 3600_000;

/**
 * Runs the turns from `firstTurn` until no participant has work pending. `lastTurn` is a safety
 * net: a simulated history that has not ended by then is a bug in the simulation, said loudly.
 */
export async function runTimeline(participants: readonly DemoParticipant[], firstTurn: number, lastTurn: number): Promise<void> {
  const started: DemoParticipant[] = [];
  try {
    for (const p of participants) {
      await p.start();
      started.push(p);
    }
    for (let at = firstTurn; participants.some((p) => p.pending() > 0); at += DAY_MS) {
      if (at > lastTurn) throw new Error(`demo: work still pending on ${new Date(lastTurn).toISOString().slice(0, 10)}: ${participants.map((p) => p.pending()).join(', ')}`);
      for (const p of participants) await p.turn(new Date(at));
    }
  } finally {
    for (const p of started.reverse()) await p.stop();
  }
}
