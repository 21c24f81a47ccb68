/**
 * A small tmpfs to run a store on a disk that fills up, for the tests of what a
 * full disk does (the store's, and the built server's). Mounting needs root (as here and in CI);
 * where it is not permitted, `describeOnTmpfs` reports its suite skipped with the reason.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class Tmpfs {
  private constructor(readonly dir: string) {}

  static mount(sizeKiB: number): Tmpfs {
    const dir = mkdtempSync(join(tmpdir(), 'survey-tmpfs-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k,mode=0755`, 'tmpfs', dir], { stdio: 'pipe' });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return new Tmpfs(dir);
  }

  /** Writes a filler file until the disk is full (ENOSPC); returns how many bytes it took. */
  fill(): number {
    const fd = openSync(join(this.dir, 'filler'), 'a');
    const block = Buffer.alloc(4096, 0x2e);
    let written = 0;
    try {
      for (;;) written += writeSync(fd, block);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    } finally {
      closeSync(fd);
    }
    return written;
  }

  /** Deletes the filler: the space is back. */
  free(): void {
    rmSync(join(this.dir, 'filler'), { force: true });
  }

  unmount(): void {
    execFileSync('umount', ['-l', this.dir], { stdio: 'pipe' });
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Why a tmpfs cannot be mounted here, or null when it can. */
export function tmpfsUnavailable(): string | null {
  try {
    Tmpfs.mount(64).unmount();
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (error as Error).message;
  }
}

/** A suite that needs a tmpfs: run it, or have jest report it as skipped, the reason in its name (e.g. not root). */
export function describeOnTmpfs(name: string, suite: () => void): void {
  const reason = tmpfsUnavailable();
  if (reason) describe.skip(`${name} — skipped: mounting a tmpfs is not permitted here (${reason})`, suite);
  else describe(name, suite);
}
