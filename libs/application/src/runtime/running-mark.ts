/**
 * Which processes have a data directory's embedded stores open: each process that opens them
 * (the API, apps/projector, a `survey` command) writes `DATA_DIR/pids/<host>-<pid>.json` before
 * opening them and removes it after closing them, so `survey restore` can refuse to replace files
 * under a running process. A process killed outright (kill -9, a power cut) leaves its file behind:
 * a file counts only while its process is alive on this host, so a stale one is ignored (and
 * removed by the next process that marks the directory).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FactoryProvider, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';

export const PIDS_DIR = 'pids';
const logger = new Logger('DataDir');

export interface RunningProcess {
  pid: number;
  host: string;
  /** The script the process runs (dist/apps/api/src/main.js, …). */
  script: string;
  startedAt: string;
  /** The mark's file, for a message that tells how to remove a stale one. */
  file: string;
}

/** The data directory this process marked (null: both stores are servers), for CloseStores to unmark. */
export const RUNNING_MARK = Symbol('RUNNING_MARK');

/** The stores' providers inject it, so the mark is written before either embedded file is opened. */
export const runningMarkProvider: FactoryProvider<string | null> = {
  provide: RUNNING_MARK,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    if (config.eventStoreUrl && config.mongoUrl) return null;
    markRunning(config.dataDir);
    return config.dataDir;
  },
};

/** Marks held by this process, counted per directory: several apps of one process may share one (tests). */
const held = new Map<string, number>();

const fileOf = (dataDir: string, pid = process.pid, host = hostname()) => join(dataDir, PIDS_DIR, `${host}-${pid}.json`);

/** Writes this process's mark (once per directory, counted) and removes the stale marks of dead processes. */
export function markRunning(dataDir: string): void {
  const count = held.get(dataDir) ?? 0;
  held.set(dataDir, count + 1);
  if (count > 0) return;
  const mark = { pid: process.pid, host: hostname(), script: process.argv[1] ?? '', startedAt: new Date().toISOString() };
  try {
    for (const stale of readMarks(dataDir).filter((m) => !isAlive(m))) rmSync(stale.file, { force: true });
    mkdirSync(join(dataDir, PIDS_DIR), { recursive: true });
    writeFileSync(fileOf(dataDir), `${JSON.stringify(mark)}\n`);
  } catch (error) {
    // A full disk must not keep the service from starting (it serves reads, and writes come back
    // once there is room): the mark is a guard for restores, not something the service needs.
    logger.warn(`cannot write ${fileOf(dataDir)} (${(error as Error).message}): survey restore will not see that this process has ${dataDir} open`);
  }
}

/** Removes this process's mark once the last of its holders has closed the stores. */
export function unmarkRunning(dataDir: string): void {
  const count = held.get(dataDir) ?? 0;
  if (count > 1) return void held.set(dataDir, count - 1);
  held.delete(dataDir);
  try {
    rmSync(fileOf(dataDir), { force: true });
  } catch (error) {
    // Shutdown goes on: a mark left behind stops counting once this process has exited.
    logger.warn(`cannot remove ${fileOf(dataDir)} (${(error as Error).message})`);
  }
}

/** The processes other than this one that have the directory's stores open now. */
export function runningProcesses(dataDir: string): RunningProcess[] {
  return readMarks(dataDir).filter((m) => isAlive(m) && !(m.pid === process.pid && m.host === hostname()));
}

function readMarks(dataDir: string): RunningProcess[] {
  let names: string[];
  try {
    names = readdirSync(join(dataDir, PIDS_DIR));
  } catch {
    return [];
  }
  const marks: RunningProcess[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const file = join(dataDir, PIDS_DIR, name);
    try {
      const m = JSON.parse(readFileSync(file, 'utf8')) as Omit<RunningProcess, 'file'>;
      if (Number.isSafeInteger(m.pid) && typeof m.host === 'string') marks.push({ pid: m.pid, host: m.host, script: String(m.script ?? ''), startedAt: String(m.startedAt ?? ''), file });
    } catch {
      // A mark being written, or not one of ours: a process that reads it as live would be wrong
      // only to refuse, and one being written is read again on the next check.
    }
  }
  return marks;
}

/**
 * Alive: a signal 0 reaches it (EPERM: it exists, under another user). On another host (a shared
 * file system) it cannot be checked, so it counts as alive: refusing is the safe mistake.
 */
function isAlive(mark: Pick<RunningProcess, 'pid' | 'host'>): boolean {
  if (mark.host !== hostname()) return true;
  try {
    process.kill(mark.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
