/**
 * `survey backup` and `survey restore` on real SQLite files: a backup taken while appends and
 * checkpoint commits go on (on connections of their own) is one snapshot of each file, with the
 * read models never ahead of the log and a manifest that describes exactly the copies; restore
 * refuses damaged backups, live and non-empty data directories, and puts the files back.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PIDS_DIR } from '@survey/application';
import { describeLogFile, SqliteEventStore } from '@survey/event-store';
import { checkpointsInFile, SqliteReadModelStore } from '@survey/read-models';
import { anEvent } from '@survey/event-store/testing';
import { pause } from '@survey/domain/testing';
import { UsageError } from '../conventions';
import { Manifest, sha256Of } from './manifest';
import { runBackup } from './run-backup';
import { runRestore } from './run-restore';

const root = mkdtempSync(join(tmpdir(), 'backup-int-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const source = join(root, 'data');
const quiet = { onProgress: () => undefined };

/** A log of `streams` streams with `perStream` events of about 1 KB each, and a projection's checkpoint at its head. */
async function seed(events: SqliteEventStore, readModels: SqliteReadModelStore, streams: number, perStream: number): Promise<number> {
  for (let s = 0; s < streams; s++) {
    await events.append(`ballot-b-${s}`, Array.from({ length: perStream }, (_, i) => anEvent('EvaluationSubmitted', { s, i, text: 'x'.repeat(1000) })), 'no_stream');
  }
  const head = await events.headPosition();
  // Documents enough for the read models' copy to take several steps too.
  const docs = Array.from({ length: 300 }, (_, i) => ({ collection: 'agency', id: `a-${i}`, doc: { text: 'z'.repeat(1000) } }));
  await readModels.commit('reports', [...docs, { collection: 'campaign', id: 'c', doc: { head } }], { position: head, recordedAt: null });
  return head;
}

describe('survey backup while the stores are written', () => {
  let manifest: Manifest;
  let before: number;
  let after: number;
  let stepsDuringAppends = 0;

  beforeAll(async () => {
    const events = SqliteEventStore.open(join(source, 'events.db'));
    const readModels = SqliteReadModelStore.open(join(source, 'read-models.db'));
    before = await seed(events, readModels, 40, 50); // ~2,000 events, ~3 MB: hundreds of 8-page steps
    let writing = true;
    let n = 0;
    // A projector's work in miniature: append, then commit a checkpoint at the new head.
    let committed = 0;
    const writer = (async () => {
      while (writing) {
        const { position } = await events.append(`ballot-w-${n++}`, [anEvent('EvaluationSubmitted', { text: 'y'.repeat(1000) })], 'no_stream');
        await readModels.commit('reports', [{ collection: 'campaign', id: 'c', doc: { head: position } }], { position, recordedAt: null });
        committed++;
      }
    })();
    while (committed === 0) await pause(5);
    manifest = await runBackup({ dataDir: source }, join(root, 'backup'), {
      pagesPerStep: 8,
      onProgress: () => void (n > 0 && stepsDuringAppends++),
    });
    writing = false;
    await writer;
    after = await events.headPosition();
    await events.close();
    await readModels.close();
  }, 60_000);

  it('lets appends go on during the copy, and copies one snapshot of the log between the heads before and after', () => {
    expect(stepsDuringAppends).toBeGreaterThan(10);
    expect(after).toBeGreaterThan(manifest.log.head);
    expect(manifest.log.head).toBeGreaterThan(before);
    const copied = describeLogFile(join(root, 'backup', 'events.db'));
    expect(copied).toEqual(manifest.log);
    expect(copied.events).toBe(copied.head); // every position up to the head, none missing
    const db = new Database(join(root, 'backup', 'events.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('copies the read models first: their checkpoint is in the manifest and behind the copied log', () => {
    const [checkpoint] = manifest.checkpoints;
    expect(manifest.checkpoints).toEqual(checkpointsInFile(join(root, 'backup', 'read-models.db')));
    expect(checkpoint).toMatchObject({ projection: 'reports' });
    expect(checkpoint.position).toBeGreaterThan(before);
    // Appends went on while the read models were copied, so the log copied after them is further on.
    expect(checkpoint.position).toBeLessThan(manifest.log.head);
  });

  it('writes the manifest last, with each file\'s size and SHA-256, and leaves no temporary file', async () => {
    expect(readFileSync(join(root, 'backup', 'manifest.json'), 'utf8')).toBe(`${JSON.stringify(manifest, null, 2)}\n`);
    for (const f of manifest.files) expect(f.sha256).toBe(await sha256Of(join(root, 'backup', f.name)));
    expect(manifest.files.map((f) => f.name)).toEqual(['read-models.db', 'events.db']);
    expect(manifest.tool).toEqual({ name: 'survey', version: JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')).version });
    expect(readdirSync(join(root, 'backup')).sort()).toEqual(['events.db', 'manifest.json', 'read-models.db']);
  });

  it('refuses a non-empty target and the server stores', async () => {
    await expect(runBackup({ dataDir: source }, join(root, 'backup'), quiet)).rejects.toThrow(new UsageError(`${join(root, 'backup')} is not empty (events.db, manifest.json, read-models.db): a backup goes into a new or empty directory`));
    await expect(runBackup({ dataDir: source, eventStoreUrl: 'esdb://localhost:2113' }, join(root, 'elsewhere'), quiet)).rejects.toThrow(/EVENTSTORE_URL is set: use the server's own tools/);
    await expect(runBackup({ dataDir: join(root, 'nothing') }, join(root, 'elsewhere'), quiet)).rejects.toThrow(/no read-models.db in/);
    expect(existsSync(join(root, 'elsewhere'))).toBe(false);
  });

  describe('survey restore', () => {
    it('puts both files back into a new data directory, byte for byte', async () => {
      const target = join(root, 'restored');
      const result = await runRestore({ dataDir: target }, join(root, 'backup'));
      expect(result).toMatchObject({ outcome: 'restored', dataDir: target, log: manifest.log });
      for (const f of manifest.files) expect(await sha256Of(join(target, f.name))).toBe(f.sha256);
      expect(readdirSync(target).sort()).toEqual(['events.db', 'pids', 'read-models.db']);
      expect(readdirSync(join(target, PIDS_DIR))).toEqual([]); // its own mark, removed
    });

    it('refuses a backup whose files do not match the manifest, writing nothing', async () => {
      const damaged = join(root, 'damaged');
      mkdirSync(damaged);
      for (const name of ['manifest.json', 'read-models.db', 'events.db']) writeFileSync(join(damaged, name), readFileSync(join(root, 'backup', name)));
      const bytes = readFileSync(join(damaged, 'events.db'));
      bytes[bytes.length - 100] ^= 0xff;
      writeFileSync(join(damaged, 'events.db'), bytes);
      const target = join(root, 'from-damaged');
      const result = await runRestore({ dataDir: target }, damaged);
      expect(result).toMatchObject({ outcome: 'refused', reason: 'damaged', message: expect.stringContaining(`${join(damaged, 'events.db')} has SHA-256`) });
      expect(existsSync(target)).toBe(false);
      rmSync(join(damaged, 'manifest.json'));
      await expect(runRestore({ dataDir: target }, damaged)).rejects.toThrow(/manifest.json does not exist: not a backup/);
    });

    it('refuses a non-empty data directory without --force, and with it replaces the stores and drops their stale WAL', async () => {
      const target = join(root, 'occupied');
      const other = SqliteEventStore.open(join(target, 'events.db'));
      await other.append('other', [anEvent()], 'no_stream');
      await other.close();
      writeFileSync(join(target, 'events.db-wal'), 'a stale WAL of another log');
      writeFileSync(join(target, 'keep.txt'), 'not a store');
      await expect(runRestore({ dataDir: target }, join(root, 'backup'))).rejects.toThrow(/is not empty \(events.db, events.db-wal, keep.txt\): restore into a new or empty DATA_DIR, or pass --force/);
      expect(describeLogFile(join(target, 'events.db')).events).toBe(1);
      expect(await runRestore({ dataDir: target }, join(root, 'backup'), { force: true })).toMatchObject({ outcome: 'restored' });
      expect(existsSync(join(target, 'events.db-wal'))).toBe(false);
      expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('not a store');
      expect(describeLogFile(join(target, 'events.db'))).toEqual(manifest.log);
    });

    it('refuses, even with --force, while a live process has marked the data directory, and not once it is gone', async () => {
      const target = join(root, 'live');
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      mkdirSync(join(target, PIDS_DIR), { recursive: true });
      const mark = join(target, PIDS_DIR, `${hostname()}-${child.pid}.json`);
      appendFileSync(mark, JSON.stringify({ pid: child.pid, host: hostname(), script: 'dist/apps/api/src/main.js', startedAt: '2026-12-07T06:00:00.000Z' }));
      try {
        const refused = await runRestore({ dataDir: target }, join(root, 'backup'), { force: true });
        expect(refused).toEqual({ outcome: 'refused', reason: 'running', message: expect.stringContaining(`${target} is in use by pid ${child.pid} on ${hostname()} (dist/apps/api/src/main.js, since 2026-12-07T06:00:00.000Z): stop it before restoring`) });
        expect(existsSync(join(target, 'events.db'))).toBe(false);
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
      // Killed outright, it left its mark: a dead pid does not count.
      expect(existsSync(mark)).toBe(true);
      expect(await runRestore({ dataDir: target }, join(root, 'backup'))).toMatchObject({ outcome: 'restored' });
      expect(existsSync(mark)).toBe(false); // removed as stale when restore marked the directory itself
    });
  });
});
