/**
 * One write transaction on a connection that other processes write too (the API and
 * apps/projector both append to events.db and both write read-models.db): BEGIN IMMEDIATE waits
 * for the write lock for a budget of wall-clock time, then the body runs and commits.
 *
 * Why not busy_timeout alone: SQLite's default busy handler counts the budget as the sum of the
 * sleeps it asks for (1, 2, 5 … 100 ms), and each sleep is one nanosleep() that a signal ends early
 * and that is not resumed (os_unix.c, unixSleep). Under V8's CPU profiler (--cpu-prof), which sends
 * SIGPROF to each thread about every millisecond, a 5 s busy_timeout ran out in 70 to 180 ms while
 * the other process held the lock for a 350 ms fsync, and the demo died with SQLITE_BUSY. A BEGIN
 * refused with SQLITE_BUSY has written nothing, so it is retried here until the budget, measured on
 * the clock, is spent; only then is the commit refused (the caller answers 503: nothing acknowledged).
 *
 * One module for both stores' writer threads: this lib's (./sqlite-append-writer.thread.ts) and the
 * read-model store's (libs/read-models/src/sqlite/sqlite-writer.thread.ts), which loads this file by
 * its path rather than through the lib's index, so that its thread loads no driver but SQLite's.
 */
import type Database from 'better-sqlite3';

/** How long a transaction waited for the write lock, and how often SQLite refused it before the budget was spent. */
export interface LockWait {
  waitedMs: number;
  refusals: number;
}

/** The error once the budget is spent: SQLITE_BUSY still, saying how long it waited. */
export class WriteLockTimeout extends Error {
  readonly code = 'SQLITE_BUSY';
  constructor(readonly waitedMs: number) {
    super(`another connection held the write lock for over ${(waitedMs / 1000).toFixed(1)} s (database is locked)`);
  }
}

const isBusy = (error: unknown) => /^SQLITE_BUSY(_|$)/.test(String((error as { code?: unknown } | null)?.code));

/**
 * SQLite's handler waits at most this long per attempt, so the clock, not its count of sleeps,
 * decides when the budget is spent (to within its last poll, 100 ms at most).
 */
const ATTEMPT_MS = 1000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Blocks this (writer) thread: Atomics.wait sleeps its whole time even when a signal arrives. */
function sleep(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}

export class SqliteWriteLock {
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private attemptMs = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly budgetMs: number,
  ) {
    this.attempt(ATTEMPT_MS);
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
  }

  /**
   * Runs `body` in one IMMEDIATE transaction and commits it; a failure rolls it back (unless SQLite
   * already has) and is thrown. IMMEDIATE, because the bodies read before they write: a deferred
   * transaction upgraded to a write after another process's commit fails with SQLITE_BUSY_SNAPSHOT,
   * which no wait can cure.
   */
  write<T>(body: () => T): { value: T; wait: LockWait } {
    const wait = this.acquire();
    try {
      const value = body();
      this.commit.run();
      return { value, wait };
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      throw error;
    }
  }

  private acquire(): LockWait {
    const started = performance.now();
    const left = () => this.budgetMs - (performance.now() - started);
    let refusals = 0;
    try {
      for (;;) {
        try {
          this.begin.run();
          return { waitedMs: performance.now() - started, refusals };
        } catch (error) {
          if (!isBusy(error)) throw error;
          if (left() <= 0) throw new WriteLockTimeout(performance.now() - started);
          refusals += 1;
          // A short pause that a signal cannot cut, then SQLite's own handler again, for no longer than what is left.
          sleep(Math.min(left(), 5 * 2 ** Math.min(refusals, 4)));
          if (left() < ATTEMPT_MS) this.attempt(Math.max(1, Math.ceil(left())));
        }
      }
    } finally {
      this.attempt(ATTEMPT_MS);
    }
  }

  /** SQLite's busy_timeout for the next attempt: ATTEMPT_MS, or what is left of the budget when less. */
  private attempt(ms: number): void {
    const next = Math.min(this.budgetMs, ms);
    if (next !== this.attemptMs) this.db.pragma(`busy_timeout = ${(this.attemptMs = next)}`);
  }
}

/** A wait this long for the write lock is worth a warning (docs/operations.md: "a second or more"). */
export const NOTEWORTHY_WAIT_MS = 1000;

/**
 * Whether the caller warns: only for a wait of NOTEWORTHY_WAIT_MS or more. SQLite's handler giving
 * up early is not by itself worth telling: under a profiler it gives up within milliseconds, and
 * the retries above already wait on the clock; the warning then says how often it did.
 */
export function isNoteworthy(wait: LockWait | undefined): wait is LockWait {
  return wait !== undefined && wait.waitedMs >= NOTEWORTHY_WAIT_MS;
}

/** The warning for a wait worth telling: operators see that another process holds the lock long. */
export function lockWaitLine(store: string, wait: LockWait): string {
  const refused = wait.refusals > 0 ? `; SQLite's busy handler gave up ${wait.refusals} time(s) before the budget and the commit tried again` : '';
  return `${store}: a commit waited ${(wait.waitedMs / 1000).toFixed(2)} s for the write lock held by another connection${refused}`;
}
