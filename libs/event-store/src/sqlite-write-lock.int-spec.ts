/**
 * SqliteEventStore while another connection (another process, as far as SQLite's locks go) holds
 * events.db's write lock: a commit waits on the clock for the lock budget, then commits once; a lock
 * never released refuses the batch as StoreUnavailable with nothing written. And the defect this
 * guards against: under V8's CPU profiler, SQLite's own busy timeout ran out in a tenth of its time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { pause } from '@survey/domain/testing';
import { SqliteEventStore } from './sqlite-event-store';
import { StoreUnavailable } from './store-unavailable';
import { anEvent } from './testing/event-builders';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'write-lock-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Another connection to `file` that takes the write lock and keeps it until released. */
function holdWriteLock(file: string): { release: () => void } {
  const rival = new Database(file);
  rival.exec('BEGIN IMMEDIATE');
  return { release: () => (rival.exec('ROLLBACK'), rival.close()) };
}

describe('SqliteEventStore while another connection holds the write lock', () => {
  const open: SqliteEventStore[] = [];
  const locks: { release: () => void }[] = [];
  const openStore = (file: string, options: Parameters<typeof SqliteEventStore.open>[1]) => {
    const store = SqliteEventStore.open(file, options);
    open.push(store);
    return store;
  };
  afterEach(async () => {
    locks.splice(0).forEach((lock) => lock.release());
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it('waits past SQLite\'s own attempt (1 s) for a lock held 2.5 s, then commits the append once, with a warning', async () => {
    const file = join(tempDir(), 'events.db');
    const warnings: string[] = [];
    const store = openStore(file, { busyTimeoutMs: 8000, onLockWait: (line) => warnings.push(line) });
    await store.append('seed', [anEvent()], 'no_stream');
    const lock = holdWriteLock(file);
    const event = anEvent();
    let settled = false;
    const appended = store.append('waits', [event], 'no_stream').finally(() => (settled = true));
    await pause(2500);
    expect(settled).toBe(false);
    lock.release();

    await expect(appended).resolves.toEqual({ revision: 0, position: 2 });
    expect((await store.readStream('waits')).map((e) => e.id)).toEqual([event.id]);
    expect(await store.headPosition()).toBe(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^events\.db: a commit waited \d+\.\d\d s for the write lock held by another connection; SQLite's busy handler gave up \d+ time\(s\)/);
    expect(Number(/waited (\S+) s/.exec(warnings[0])![1])).toBeGreaterThanOrEqual(2.5);
    expect(store.storageStatus()).toEqual({ writable: true });
  });

  it('waits out a lock held 0.3 s without a warning (a wait under a second is not told)', async () => {
    const file = join(tempDir(), 'events.db');
    const warnings: string[] = [];
    const store = openStore(file, { onLockWait: (line) => warnings.push(line) });
    await store.append('seed', [anEvent()], 'no_stream');
    const lock = holdWriteLock(file);
    const appended = store.append('short', [anEvent()], 'no_stream');
    await pause(300);
    lock.release();

    await expect(appended).resolves.toEqual({ revision: 0, position: 2 });
    expect(warnings).toEqual([]);
  });

  it('refuses the batch once the budget is spent (StoreUnavailable, SQLITE_BUSY), writes nothing, and takes appends again once the lock is released', async () => {
    const file = join(tempDir(), 'events.db');
    const budgetMs = 1200;
    const store = openStore(file, { busyTimeoutMs: budgetMs, probeIntervalMs: 100, onLockWait: () => undefined });
    await store.append('seed', [anEvent()], 'no_stream');
    const lock = holdWriteLock(file);
    locks.push(lock);
    const started = Date.now();
    const outcomes = await Promise.allSettled([store.append('a', [anEvent()], 'no_stream'), store.append('b', [anEvent()], 'no_stream')]);
    const waited = Date.now() - started;

    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason as StoreUnavailable;
      expect(reason).toBeInstanceOf(StoreUnavailable);
      expect(reason).toMatchObject({ store: 'events.db', code: 'SQLITE_BUSY' });
      expect(reason.message).toMatch(/^events\.db cannot be written \(SQLITE_BUSY: another connection held the write lock for over \d+\.\d s \(database is locked\)\)$/);
    }
    // The budget is kept on the clock: spent in full, and not overrun by SQLite's last attempt (up to 1 s).
    expect(waited).toBeGreaterThanOrEqual(budgetMs);
    expect(waited).toBeLessThan(budgetMs + 600);
    expect(store.storageStatus()).toMatchObject({ writable: false, error: { code: 'SQLITE_BUSY' } });
    expect(await store.headPosition()).toBe(1);
    expect(await store.readStream('a')).toEqual([]);

    locks.splice(0).forEach((l) => l.release());
    await expect(store.append('a', [anEvent()], 'no_stream')).resolves.toEqual({ revision: 0, position: 2 });
    expect(store.storageStatus()).toEqual({ writable: true });
    expect(await store.headPosition()).toBe(2);
  });

  it('under V8\'s CPU profiler (whose signals cut SQLite\'s busy-handler sleeps short) another process\'s append still waits out a lock held 2 s', async () => {
    const dir = tempDir();
    const file = join(dir, 'events.db');
    const seed = openStore(file, {});
    await seed.append('seed', [anEvent()], 'no_stream');
    const child = spawn(
      process.execPath,
      ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', join(dir, 'profiles'), '--require', '@swc-node/register', join(__dirname, 'testing', 'append-under-profiler.ts'), file, '10000'],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    // Its writer thread has started and committed once: the next append goes straight to BEGIN.
    expect((await lines.next()).value).toBe('ready');
    locks.push(holdWriteLock(file));
    child.stdin.end('go\n');
    expect((await lines.next()).value).toBe('waiting');
    await pause(2000);
    locks.splice(0).forEach((l) => l.release());
    const answer = (await lines.next()).value as string;

    expect(answer).not.toMatch(/^failed/);
    const { result, waits } = JSON.parse(answer) as { result: { revision: number; position: number }; waits: string[] };
    expect(result).toEqual({ revision: 0, position: 3 });
    expect(waits).toHaveLength(1);
    expect(Number(/waited (\S+) s/.exec(waits[0])![1])).toBeGreaterThanOrEqual(1.5);
    expect(await seed.readStream('profiled')).toHaveLength(1);
    expect(await seed.headPosition()).toBe(3);
  }, 60_000);
});
