/**
 * A backup directory's `manifest.json`: what was copied from where and when, how far the log and
 * each projection had got, and each file's size and SHA-256, so `survey restore` can tell a whole,
 * unaltered backup from a damaged one. It is written last: a directory without it is no backup.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LogSnapshot } from '@survey/event-store';
import type { StoredCheckpoint } from '@survey/read-models';

export const MANIFEST = 'manifest.json';
export const MANIFEST_FORMAT = 'survey-backup/1';
/** In the order they are copied: read models first, so that they are never ahead of the log. */
export const STORE_FILES = ['read-models.db', 'events.db'] as const;
export type StoreFile = (typeof STORE_FILES)[number];

export interface BackedUpFile {
  name: StoreFile;
  bytes: number;
  sha256: string;
  /** When the copy's snapshot was taken (its read transaction began). */
  snapshotAt: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  tool: { name: 'survey'; version: string };
  source: { dataDir: string; host: string };
  startedAt: string;
  finishedAt: string;
  /** The log in the copy of events.db: reports of a server restored from it are the log's at `head`. */
  log: LogSnapshot;
  /** The projections' checkpoints in the copy of read-models.db, each at most log.head. */
  checkpoints: StoredCheckpoint[];
  files: BackedUpFile[];
}

export function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The service's version, from the package.json above this file (in the sources and in dist/ alike). */
export function toolVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'survey-service') return pkg.version ?? 'unknown';
  }
  return 'unknown';
}

/** Reads and shape-checks a manifest; the message of what is wrong names the file. */
export function readManifest(dir: string): Manifest {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) throw new ManifestError(`${file} does not exist: not a backup made by survey backup, or one that did not finish`);
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch (error) {
    throw new ManifestError(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (m?.format !== MANIFEST_FORMAT) throw new ManifestError(`${file}: format ${JSON.stringify(m?.format)} is not ${MANIFEST_FORMAT}`);
  const names = Array.isArray(m.files) ? m.files.map((f) => f?.name) : [];
  if (STORE_FILES.some((n) => !names.includes(n))) throw new ManifestError(`${file} must list ${STORE_FILES.join(' and ')}`);
  if (!Array.isArray(m.checkpoints) || typeof m.log?.head !== 'number') throw new ManifestError(`${file} lacks the log's head or the checkpoints`);
  return m;
}

export class ManifestError extends Error {}
