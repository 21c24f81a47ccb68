/**
 * `survey backup <dir>`: a consistent copy of DATA_DIR's events.db and read-models.db, taken while
 * the service keeps serving and appending. It runs in its own process with its own connections,
 * so the API's event loop never waits for it.
 *
 * Order: read-models.db first, then events.db. Each copy is one snapshot (see
 * @survey/event-store's sqlite-backup.ts), and the read models' snapshot is the earlier one, so no
 * projection in the backup is ahead of the log in it: a server started on the restored files
 * finds its projections behind the log, at worst, and folds the rest, as after any restart. (The
 * reverse order could give read models counting events the restored log does not hold.)
 *
 * Atomic for whoever reads the directory: each file is written under a temporary name, synced and
 * renamed; `manifest.json` is written the same way, last, so a directory holding a manifest holds a
 * whole backup.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { AppConfig } from '@survey/application';
import { backupLogFile, BackupProgress, LogSnapshot } from '@survey/event-store';
import { backupReadModelsFile, StoredCheckpoint } from '@survey/read-models';
import { count, progress as progressBar, UsageError } from '../conventions';
import { durableRename, entriesOf, fsyncDir, fsyncFile } from './files';
import { BackedUpFile, Manifest, MANIFEST, MANIFEST_FORMAT, sha256Of, STORE_FILES, StoreFile, toolVersion } from './manifest';
import { embeddedOnly } from './embedded-only';

export interface BackupOptions {
  /** Called per copy step; by default a progress bar (or a line a second) on stderr. */
  onProgress?: (file: StoreFile, progress: BackupProgress) => void;
  /** Pages copied per step (4 KiB each; 1,024 by default). */
  pagesPerStep?: number;
  /** --max-rate: MiB per second at most, to leave the disk to the service. */
  maxMiBPerSecond?: number;
}

export async function runBackup(config: Pick<AppConfig, 'dataDir' | 'eventStoreUrl' | 'mongoUrl'>, targetDir: string, options: BackupOptions = {}): Promise<Manifest> {
  embeddedOnly(config, 'backup');
  const target = resolve(targetDir);
  for (const name of STORE_FILES) {
    const source = join(config.dataDir, name);
    if (!existsFile(source)) throw new UsageError(`no ${name} in ${resolve(config.dataDir)} (set DATA_DIR to the service's data directory)`);
  }
  const present = entriesOf(target);
  if (present.length > 0) throw new UsageError(`${target} is not empty (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', …' : ''}): a backup goes into a new or empty directory`);
  mkdirSync(target, { recursive: true });

  const startedAt = new Date().toISOString();
  const files: BackedUpFile[] = [];
  let checkpoints: StoredCheckpoint[] = [];
  let log: LogSnapshot | undefined;
  for (const name of STORE_FILES) {
    const partial = join(target, `.${name}.partial`);
    const snapshotAt = new Date().toISOString();
    const show = options.onProgress ?? barFor(name);
    const copy = {
      onProgress: (p: BackupProgress) => show(name, p),
      pagesPerStep: options.pagesPerStep,
      maxBytesPerSecond: options.maxMiBPerSecond === undefined ? undefined : options.maxMiBPerSecond * 1024 * 1024,
    };
    if (name === 'read-models.db') checkpoints = (await backupReadModelsFile(join(config.dataDir, name), partial, copy)).snapshot;
    else log = (await backupLogFile(join(config.dataDir, name), partial, copy)).snapshot;
    fsyncFile(partial);
    files.push({ name, bytes: statSync(partial).size, sha256: await sha256Of(partial), snapshotAt });
  }
  if (!log) throw new Error('events.db was not copied');
  const ahead = checkpoints.filter((c) => c.position > log!.head);
  // Cannot happen with the order above; checked because a backup that breaks it must not be kept.
  if (ahead.length > 0) throw new Error(`the copied read models are ahead of the copied log (${ahead.map((c) => `${c.projection} at ${c.position}`).join(', ')}; log head ${log.head}): backup abandoned`);

  for (const f of files) durableRename(join(target, `.${f.name}.partial`), join(target, f.name));
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    tool: { name: 'survey', version: toolVersion() },
    source: { dataDir: resolve(config.dataDir), host: hostname() },
    startedAt,
    finishedAt: new Date().toISOString(),
    log,
    checkpoints,
    files,
  };
  const partialManifest = join(target, `.${MANIFEST}.partial`);
  writeFileSync(partialManifest, `${JSON.stringify(manifest, null, 2)}\n`);
  fsyncFile(partialManifest);
  durableRename(partialManifest, join(target, MANIFEST));
  fsyncDir(target);
  return manifest;
}

export function describeBackup(m: Manifest, dir: string): string {
  const behind = m.checkpoints.filter((c) => !c.projection.includes('@')).map((c) => `${c.projection} ${count(c.position)}`).join(', ');
  return [
    `backed up ${m.source.dataDir} into ${resolve(dir)}: log head ${count(m.log.head)} (${count(m.log.events)} events, last recorded ${m.log.headRecordedAt ?? 'never'})`,
    `read models at ${behind || 'no checkpoint'}; ${m.files.map((f) => `${f.name} ${count(f.bytes)} bytes sha256 ${f.sha256.slice(0, 12)}…`).join(', ')}`,
  ].join('\n');
}

function barFor(name: StoreFile): (file: StoreFile, p: BackupProgress) => void {
  let bar: ReturnType<typeof progressBar> | undefined;
  return (_file, p) => {
    bar ??= progressBar(`backup ${name}`, 'pages');
    bar.update(p.pages, p.totalPages);
    if (p.pages >= p.totalPages) bar.stop();
  };
}

function existsFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
