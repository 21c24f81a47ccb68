/**
 * Group commit on the SQLite store's writer thread: what queues while a batch commits goes in the
 * next transaction, a refused append in it fails alone, the event loop keeps turning while a
 * commit waits, and a kill -9 mid-burst loses no acknowledged append.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { Conflict, WrongExpectedRevision } from '@survey/domain';
import { SqliteEventStore } from './sqlite-event-store';
import { anEvent } from './testing/event-builders';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  dirs.push(dir);
  return join(dir, 'events.db');
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SqliteEventStore group commit', () => {
  const open: SqliteEventStore[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  /** A store whose first commit waits on a rival's write lock until `release()`, recording each commit's size. */
  async function heldStore() {
    const file = tempFile();
    const commits: { appends: number; ok: boolean }[] = [];
    const store = SqliteEventStore.open(file, { busyTimeoutMs: 20_000, onCommit: (appends, _s, ok) => void commits.push({ appends, ok }) });
    open.push(store);
    await store.append('taken', [anEvent()], 'no_stream');
    commits.length = 0;
    const rival = new Database(file);
    rival.exec('BEGIN IMMEDIATE');
    return { store, commits, release: () => (rival.exec('ROLLBACK'), rival.close()) };
  }

  it('puts what queues while a batch commits into one next transaction, and the event loop turns meanwhile', async () => {
    const { store, commits, release } = await heldStore();
    const first = store.append('first', [anEvent()], 'no_stream');
    const later: Promise<unknown>[] = [];
    // 30 turns of the event loop while the first batch waits for the lock on the writer thread:
    // were the commit on this thread, not one of these turns would run until it was done.
    for (let i = 0; i < 30; i++) {
      await turn();
      later.push(store.append(`later-${i}`, [anEvent()], 'no_stream'));
    }
    expect(commits).toEqual([]);
    release();
    const results = await Promise.all([first, ...later]);
    expect(commits).toEqual([{ appends: 1, ok: true }, { appends: 30, ok: true }]);
    expect(new Set(results.map((r) => (r as { position: number }).position)).size).toBe(31);
    expect(await store.headPosition()).toBe(32);
  });

  it('sends a long queue to the writer at once, and what queues after it in one next commit', async () => {
    const file = tempFile();
    const commits: number[] = [];
    const store = SqliteEventStore.open(file, { onCommit: (appends) => void commits.push(appends) });
    open.push(store);
    // 1,200 appends queued in one run of this code, no turn of the event loop in between: the first
    // 512 leave for the writer thread when the 512th is queued (the caller decides the rest
    // meanwhile); the other 688 wait for that commit and go together.
    const appends = Array.from({ length: 1200 }, (_, i) => store.append(`s-${i}`, [anEvent()], 'no_stream'));
    await Promise.all(appends);
    expect(commits).toEqual([512, 688]);
    expect(await store.headPosition()).toBe(1200);
  });

  it('refuses a conflicting append in the middle of a batch alone, and the rest of the batch commits', async () => {
    const { store, commits, release } = await heldStore();
    const blocker = store.append('blocker', [anEvent()], 'no_stream');
    await turn();
    const used = anEvent();
    await turn();
    const outcomes = Promise.allSettled([
      store.append('a', [anEvent()], 'no_stream'),
      store.append('taken', [anEvent()], 'no_stream'), // the stream exists: wrong expected revision
      store.append('b', [anEvent(), used], 'no_stream'),
      store.append('c', [anEvent(), used], 'no_stream'), // `used` is b's by then: its first event is undone too
      store.append('a', [anEvent()], 0), // sees the batch's own first append
    ]);
    release();
    await blocker;
    const settled = await outcomes;
    expect(commits).toEqual([{ appends: 1, ok: true }, { appends: 5, ok: true }]);
    expect(settled.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
    expect((settled[3] as PromiseRejectedResult).reason).toBeInstanceOf(Conflict);
    expect(await store.readStream('c')).toEqual([]);
    expect((await store.readStream('a')).map((e) => e.revision)).toEqual([0, 1]);
    expect((await store.readStream('b')).map((e) => e.id)[1]).toBe(used.id);
  });

  it('answers a retry of an append already committed in the same batch with its original result', async () => {
    const { store, release } = await heldStore();
    const blocker = store.append('blocker', [anEvent()], 'no_stream');
    await turn();
    const event = anEvent();
    const twice = Promise.all([store.append('r', [event], 'no_stream'), store.append('r', [event], 'no_stream')]);
    release();
    await blocker;
    const [once, again] = await twice;
    expect(again).toEqual(once);
    expect(await store.readStream('r')).toHaveLength(1);
  });

  it('loses no acknowledged append when the process is killed -9 in the middle of a burst', async () => {
    const file = tempFile();
    const child = spawn(process.execPath, ['--require', '@swc-node/register', join(__dirname, 'testing', 'append-until-killed.ts'), file, '20'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const acked = new Map<string, number>();
    for await (const line of createInterface({ input: child.stdout })) {
      const [id, position] = line.split(' ');
      acked.set(id, Number(position));
      if (acked.size === 500) child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(500);

    const db = new Database(file, { readonly: true });
    const stored = new Map((db.prepare('SELECT id, position FROM events').all() as { id: string; position: number }[]).map((r) => [r.id, r.position]));
    db.close();
    const lost = [...acked].filter(([id, position]) => stored.get(id) !== position);
    expect(lost).toEqual([]);
    // The reopened store goes on from the stored head: the log is whole.
    const store = SqliteEventStore.open(file);
    open.push(store);
    const head = await store.headPosition();
    expect(head).toBeGreaterThanOrEqual(acked.size);
    expect((await store.append('after', [anEvent()], 'no_stream')).position).toBe(head + 1);
  }, 90_000);
});
