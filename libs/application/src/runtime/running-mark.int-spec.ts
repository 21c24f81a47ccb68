/**
 * The running-process marks in DATA_DIR/pids: written once per directory however many apps of the
 * process open it, removed when the last one closes, invisible to the process itself, and a dead
 * process's mark ignored and cleared by the next process that marks the directory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { markRunning, PIDS_DIR, runningProcesses, unmarkRunning } from './running-mark';

const root = mkdtempSync(join(tmpdir(), 'running-mark-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A pid that was alive a moment ago and is not any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function writeMark(dataDir: string, pid: number, host = hostname()): string {
  mkdirSync(join(dataDir, PIDS_DIR), { recursive: true });
  const file = join(dataDir, PIDS_DIR, `${host}-${pid}.json`);
  writeFileSync(file, JSON.stringify({ pid, host, script: 'main.js', startedAt: '2026-12-07T00:00:00.000Z' }));
  return file;
}

describe('running-process marks', () => {
  it('marks a directory once per process and unmarks it when the last holder closes', () => {
    const dir = join(root, 'counted');
    const own = join(dir, PIDS_DIR, `${hostname()}-${process.pid}.json`);
    markRunning(dir);
    markRunning(dir);
    expect(existsSync(own)).toBe(true);
    expect(runningProcesses(dir)).toEqual([]); // this process never counts against itself
    unmarkRunning(dir);
    expect(existsSync(own)).toBe(true);
    unmarkRunning(dir);
    expect(existsSync(own)).toBe(false);
  });

  it('counts a live process of this host and one of another host, not a dead one, and clears the dead one on the next mark', () => {
    const dir = join(root, 'others');
    const parent = writeMark(dir, process.ppid);
    const elsewhere = writeMark(dir, 1, 'another-host');
    const dead = writeMark(dir, deadPid());
    expect(runningProcesses(dir).map((p) => p.file).sort()).toEqual([elsewhere, parent].sort());
    markRunning(dir);
    unmarkRunning(dir);
    expect(readdirSync(join(dir, PIDS_DIR)).map((n) => join(dir, PIDS_DIR, n)).sort()).toEqual([elsewhere, parent].sort());
    expect(existsSync(dead)).toBe(false);
  });

  it('ignores files that are not marks', () => {
    const dir = join(root, 'junk');
    mkdirSync(join(dir, PIDS_DIR), { recursive: true });
    writeFileSync(join(dir, PIDS_DIR, 'half-written.json'), '{"pid": 12');
    writeFileSync(join(dir, PIDS_DIR, 'notes.txt'), 'hello');
    expect(runningProcesses(dir)).toEqual([]);
    expect(runningProcesses(join(root, 'no-such-dir'))).toEqual([]);
  });

  it('warns and goes on when the mark cannot be written (the service must start on a full disk)', () => {
    const dir = join(root, 'unwritable');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, PIDS_DIR), 'a file where the directory should be');
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      expect(() => markRunning(dir)).not.toThrow();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`survey restore will not see that this process has ${dir} open`));
      expect(() => unmarkRunning(dir)).not.toThrow();
    } finally {
      warn.mockRestore();
    }
  });
});
