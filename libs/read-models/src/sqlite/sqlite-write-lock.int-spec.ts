/**
 * SqliteReadModelStore while another connection (another process, as far as SQLite's locks go)
 * holds read-models.db's write lock: a commit waits on the clock for the lock budget, then stores
 * its documents and checkpoint once; a lock never released refuses it as StoreUnavailable (the
 * projection retries) with nothing written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailable } from '@survey/event-store';
import { pause } from '@survey/domain/testing';
import { SqliteReadModelStore } from './sqlite-read-model-store';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'read-model-lock-'));
  dirs.push(dir);
  return join(dir, 'read-models.db');
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function holdWriteLock(file: string): { release: () => void } {
  const rival = new Database(file);
  rival.exec('BEGIN IMMEDIATE');
  return { release: () => (rival.exec('ROLLBACK'), rival.close()) };
}

const stats = (respondents: number) => ({ collection: 'campaign-stats', id: 'xz-2019', doc: { campaignId: 'xz-2019', respondents } });

describe('SqliteReadModelStore while another connection holds the write lock', () => {
  const open: SqliteReadModelStore[] = [];
  const locks: { release: () => void }[] = [];
  afterEach(async () => {
    locks.splice(0).forEach((lock) => lock.release());
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it('waits past SQLite\'s own attempt (1 s) for a lock held 2.5 s, then commits documents and checkpoint once, with a warning', async () => {
    const file = tempFile();
    const warnings: string[] = [];
    const store = SqliteReadModelStore.open(file, { lockBudgetMs: 8000, onLockWait: (line) => warnings.push(line) });
    open.push(store);
    await store.commit('reports', [stats(1)], { position: 1, recordedAt: null });
    const lock = holdWriteLock(file);
    let settled = false;
    const committed = store.commit('reports', [stats(2)], { position: 2, recordedAt: null }).finally(() => (settled = true));
    await pause(2500);
    expect(settled).toBe(false);
    lock.release();

    await expect(committed).resolves.toBeUndefined();
    expect(await store.get('campaign-stats', 'xz-2019')).toEqual(stats(2).doc);
    expect(await store.checkpoint('reports')).toEqual({ position: 2, recordedAt: null });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^read-models\.db: a commit waited \d+\.\d\d s for the write lock held by another connection; SQLite's busy handler gave up \d+ time\(s\)/);
    expect(Number(/waited (\S+) s/.exec(warnings[0])![1])).toBeGreaterThanOrEqual(2.5);
  });

  it('waits out a lock held 0.3 s without a warning (a wait under a second is not told)', async () => {
    const file = tempFile();
    const warnings: string[] = [];
    const store = SqliteReadModelStore.open(file, { onLockWait: (line) => warnings.push(line) });
    open.push(store);
    await store.commit('reports', [stats(1)], { position: 1, recordedAt: null });
    const lock = holdWriteLock(file);
    const committed = store.commit('reports', [stats(2)], { position: 2, recordedAt: null });
    await pause(300);
    lock.release();

    await expect(committed).resolves.toBeUndefined();
    expect(await store.checkpoint('reports')).toEqual({ position: 2, recordedAt: null });
    expect(warnings).toEqual([]);
  });

  it('refuses a commit once the budget is spent (StoreUnavailable, SQLITE_BUSY), writes nothing, and commits again once the lock is released', async () => {
    const file = tempFile();
    const budgetMs = 1200;
    const store = SqliteReadModelStore.open(file, { lockBudgetMs: budgetMs, onLockWait: () => undefined });
    open.push(store);
    await store.commit('reports', [stats(1)], { position: 1, recordedAt: null });
    locks.push(holdWriteLock(file));
    const started = Date.now();
    const refused = await store.commit('reports', [stats(2)], { position: 2, recordedAt: null }).then(() => undefined, (error: unknown) => error);
    const waited = Date.now() - started;

    expect(refused).toBeInstanceOf(StoreUnavailable);
    expect(refused).toMatchObject({ store: 'read-models.db', code: 'SQLITE_BUSY' });
    expect((refused as Error).message).toMatch(/another connection held the write lock for over \d+\.\d s/);
    expect(waited).toBeGreaterThanOrEqual(budgetMs);
    expect(waited).toBeLessThan(budgetMs + 600);
    expect(await store.get('campaign-stats', 'xz-2019')).toEqual(stats(1).doc);
    expect(await store.checkpoint('reports')).toEqual({ position: 1, recordedAt: null });

    locks.splice(0).forEach((lock) => lock.release());
    await store.commit('reports', [stats(2)], { position: 2, recordedAt: null });
    expect(await store.get('campaign-stats', 'xz-2019')).toEqual(stats(2).doc);
    expect(await store.checkpoint('reports')).toEqual({ position: 2, recordedAt: null });
  });
});
