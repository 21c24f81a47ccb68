/** Durable file steps shared by backup and restore: a file's bytes on disk, a rename kept across a crash. */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';

export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A rename is durable once the directory holding it is synced. */
export function fsyncDir(dir: string): void {
  fsyncFile(dir);
}

/** Renames `from` onto `to` and syncs the directory, so the new name survives a crash. */
export function durableRename(from: string, to: string): void {
  renameSync(from, to);
  fsyncDir(dirname(to));
}

/** The names in a directory, none when it does not exist. */
export function entriesOf(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
