/**
 * The rule for the write-lock warning (./sqlite-write-lock.ts), shared by both stores' writer
 * threads: a wait of a second or more is told, a shorter one is not, however often SQLite's own
 * handler gave up early (under a CPU profiler it gives up within milliseconds).
 */
import { isNoteworthy, lockWaitLine, NOTEWORTHY_WAIT_MS } from './sqlite-write-lock';

describe('the write-lock warning', () => {
  it('is given for a wait of a second or more, with or without early give-ups', () => {
    expect(NOTEWORTHY_WAIT_MS).toBe(1000);
    expect(isNoteworthy({ waitedMs: 1000, refusals: 0 })).toBe(true);
    expect(isNoteworthy({ waitedMs: 2500, refusals: 3 })).toBe(true);
  });

  it('is not given for a shorter wait, even one SQLite\'s handler gave up on (a profiler\'s signals)', () => {
    expect(isNoteworthy({ waitedMs: 40, refusals: 1 })).toBe(false);
    expect(isNoteworthy({ waitedMs: 999, refusals: 4 })).toBe(false);
    expect(isNoteworthy({ waitedMs: 0, refusals: 0 })).toBe(false);
    expect(isNoteworthy(undefined)).toBe(false);
  });

  it('says which file, how long, and how often SQLite gave up before the commit tried again', () => {
    expect(lockWaitLine('events.db', { waitedMs: 1204, refusals: 0 })).toBe('events.db: a commit waited 1.20 s for the write lock held by another connection');
    expect(lockWaitLine('read-models.db', { waitedMs: 2500, refusals: 2 })).toBe(
      "read-models.db: a commit waited 2.50 s for the write lock held by another connection; SQLite's busy handler gave up 2 time(s) before the budget and the commit tried again",
    );
  });
});
