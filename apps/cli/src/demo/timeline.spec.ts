/**
 * The demo's timeline: every participant gets every day's turn in order, quiet days included,
 * until none has work pending; a history that does not end is refused loudly; every started
 * participant is stopped, even after a failure.
 */
import { DAY_MS, DemoParticipant, firstTurnOf, runTimeline } from './timeline';

/** A participant with work on the given days (counted from the first turn), logging its calls. */
function scripted(name: string, days: number[], log: string[], first: number): DemoParticipant {
  const left = new Set(days);
  return {
    start: async () => void log.push(`${name} start`),
    turn: async (at) => {
      const day = (at.getTime() - first) / DAY_MS;
      log.push(`${name} ${day}`);
      left.delete(day);
    },
    pending: () => left.size,
    stop: async () => void log.push(`${name} stop`),
  };
}

describe('runTimeline', () => {
  const first = firstTurnOf('2018-10-31T16:00:00.000Z'); // 2018-11-01 00:00 in Xuzhou

  it('turns at 09:00 in Xuzhou of the opening day', () => {
    expect(new Date(first).toISOString()).toBe('2018-11-01T01:00:00.000Z');
  });

  it('calls every participant at every turn, in order, quiet days included, until none has work left', async () => {
    const log: string[] = [];
    await runTimeline([scripted('a', [0, 1], log, first), scripted('b', [3], log, first)], first, first + 10 * DAY_MS);
    expect(log).toEqual(['a start', 'b start', 'a 0', 'b 0', 'a 1', 'b 1', 'a 2', 'b 2', 'a 3', 'b 3', 'b stop', 'a stop']);
  });

  it('runs no turn when nothing is pending (a re-run)', async () => {
    const log: string[] = [];
    await runTimeline([scripted('a', [], log, first)], first, first);
    expect(log).toEqual(['a start', 'a stop']);
  });

  it('refuses a history still pending after the last turn, and stops what it started', async () => {
    const log: string[] = [];
    await expect(runTimeline([scripted('a', [5], log, first)], first, first + 2 * DAY_MS)).rejects.toThrow(/work still pending on 2018-11-03/);
    expect(log).toEqual(['a start', 'a 0', 'a 1', 'a 2', 'a stop']);
  });
});
