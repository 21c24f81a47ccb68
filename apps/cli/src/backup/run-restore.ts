/**
 * `survey restore <dir>`: puts a backup's events.db and read-models.db into DATA_DIR.
 *
 * Refuses, changing nothing: a backup whose files do not match its manifest (size, SHA-256, the
 * log's head); a data directory that a running process has open (its mark in DATA_DIR/pids, see
 * @survey/application's running-mark.ts), whatever the options; a data directory that holds
 * anything, unless --force.
 *
 * The files are first copied beside their final names and synced; then the old read models go,
 * then the log is renamed into place, then the read models. A crash at any step leaves a log with
 * read models that are absent or the backup's own, never read models ahead of the log; running
 * the same restore again finishes it.
 */
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig, markRunning, PIDS_DIR, runningProcesses, unmarkRunning } from '@survey/application';
import { describeLogFile } from '@survey/event-store';
import { count, UsageError } from '../conventions';
import { embeddedOnly } from './embedded-only';
import { durableRename, entriesOf, fsyncDir, fsyncFile } from './files';
import { BackedUpFile, Manifest, ManifestError, readManifest, sha256Of, STORE_FILES } from './manifest';

export interface RestoreOptions {
  force?: boolean;
}

export type RestoreOutcome =
  | { outcome: 'restored'; dataDir: string; from: string; log: Manifest['log']; checkpoints: Manifest['checkpoints'] }
  | { outcome: 'refused'; reason: 'damaged' | 'running'; message: string };

/** Sidecar files SQLite keeps beside a database; a stale WAL beside a restored file would be replayed onto it. */
const SIDECARS = ['-wal', '-shm', '-journal'];

export async function runRestore(config: Pick<AppConfig, 'dataDir' | 'eventStoreUrl' | 'mongoUrl'>, backupDir: string, options: RestoreOptions = {}): Promise<RestoreOutcome> {
  embeddedOnly(config, 'restore');
  const from = resolve(backupDir);
  const dataDir = resolve(config.dataDir);
  let manifest: Manifest;
  try {
    manifest = readManifest(from);
  } catch (error) {
    if (error instanceof ManifestError) throw new UsageError(error.message);
    throw error;
  }
  const damage = await damageIn(from, manifest);
  if (damage) return { outcome: 'refused', reason: 'damaged', message: `backup ${from} is damaged, nothing restored: ${damage}` };

  const running = runningProcesses(dataDir);
  if (running.length > 0) {
    const who = running.map((p) => `pid ${p.pid} on ${p.host} (${p.script || 'unknown script'}, since ${p.startedAt})`).join('; ');
    return {
      outcome: 'refused',
      reason: 'running',
      message: `${dataDir} is in use by ${who}: stop it before restoring into this directory, or restore into another one. (A process that is gone no longer counts; a mark left by one on another host is removed by hand: ${running[0].file})`,
    };
  }
  const present = entriesOf(dataDir).filter((name) => name !== PIDS_DIR);
  if (present.length > 0 && !options.force) {
    throw new UsageError(`${dataDir} is not empty (${present.slice(0, 4).join(', ')}${present.length > 4 ? ', …' : ''}): restore into a new or empty DATA_DIR, or pass --force to replace its events.db and read-models.db (nothing else in it is touched)`);
  }

  mkdirSync(dataDir, { recursive: true });
  markRunning(dataDir);
  try {
    for (const f of manifest.files) {
      const staged = join(dataDir, `.restore-${f.name}`);
      copyFileSync(join(from, f.name), staged);
      fsyncFile(staged);
      if ((await sha256Of(staged)) !== f.sha256) throw new Error(`the copy of ${f.name} in ${dataDir} does not match the backup's SHA-256: nothing replaced (is the disk full or failing?)`);
    }
    for (const suffix of ['', ...SIDECARS]) rmSync(join(dataDir, `read-models.db${suffix}`), { force: true });
    for (const suffix of SIDECARS) rmSync(join(dataDir, `events.db${suffix}`), { force: true });
    fsyncDir(dataDir);
    durableRename(join(dataDir, '.restore-events.db'), join(dataDir, 'events.db'));
    durableRename(join(dataDir, '.restore-read-models.db'), join(dataDir, 'read-models.db'));
  } catch (error) {
    // What was not renamed into place yet goes: a log without read models is whole (they are rebuilt).
    for (const name of STORE_FILES) rmSync(join(dataDir, `.restore-${name}`), { force: true });
    throw error;
  } finally {
    unmarkRunning(dataDir);
  }
  return { outcome: 'restored', dataDir, from, log: manifest.log, checkpoints: manifest.checkpoints };
}

/** What does not match the manifest (a missing file, a size, a hash, the log's head), or null. */
async function damageIn(dir: string, manifest: Manifest): Promise<string | null> {
  for (const name of STORE_FILES) {
    const f = manifest.files.find((x) => x.name === name) as BackedUpFile;
    const file = join(dir, name);
    let bytes: number;
    try {
      bytes = statSync(file).size;
    } catch {
      return `${file} is missing`;
    }
    if (bytes !== f.bytes) return `${file} holds ${bytes} bytes, the manifest says ${f.bytes}`;
    const sha = await sha256Of(file);
    if (sha !== f.sha256) return `${file} has SHA-256 ${sha}, the manifest says ${f.sha256}`;
  }
  const log = describeLogFile(join(dir, 'events.db'));
  if (log.head !== manifest.log.head || log.events !== manifest.log.events) {
    return `its events.db holds ${log.events} events up to position ${log.head}, the manifest says ${manifest.log.events} up to ${manifest.log.head}`;
  }
  return null;
}

export function describeRestore(r: Extract<RestoreOutcome, { outcome: 'restored' }>): string {
  const served = r.checkpoints.filter((c) => !c.projection.includes('@'));
  const lowest = Math.min(...served.map((c) => c.position));
  const readModels = served.length === 0
    ? 'the read models hold no checkpoint: the service folds the whole log when it starts'
    : lowest < r.log.head
      ? `the read models stop at position ${count(lowest)}: the service folds the remaining ${count(r.log.head - lowest)} events when it starts`
      : 'the read models are at the log\'s head';
  return [
    `restored ${r.from} into ${r.dataDir}: the log up to position ${count(r.log.head)} (${count(r.log.events)} events, last recorded ${r.log.headRecordedAt ?? 'never'})`,
    readModels,
    `check it with: DATA_DIR=${r.dataDir} survey verify --chain`,
  ].join('\n');
}
