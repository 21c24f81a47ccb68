/** Runs one of the built apps (dist/) as a child process of the CLI. */
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { SERVER_HEAP_FLAGS } from '@survey/application';

export interface Child {
  exited: Promise<number | null>;
  ready(healthUrl: string, timeoutMs?: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * `script` is relative to dist/ (this file is dist/apps/cli/src/demo/child.js); it runs with the
 * servers' heap flags, as `npm start` runs the API. `niceness` (0-19) lowers its CPU priority, so
 * that on a machine with as many busy threads as cores it yields to this process's.
 */
export function runNode(script: string, env: Record<string, string>, stdio: 'inherit' | 'ignore', niceness = 0): Child {
  const path = join(__dirname, '..', '..', '..', '..', script);
  const child = spawn(process.execPath, [...SERVER_HEAP_FLAGS, path], { env: { ...process.env, ...env }, stdio: ['ignore', stdio, 'inherit'] });
  if (niceness > 0 && child.pid !== undefined) {
    try {
      setPriority(child.pid, niceness);
    } catch {
      /* not allowed here: it runs at the default priority, only slower to seed */
    }
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    exited,
    async ready(healthUrl, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`${script} exited with code ${child.exitCode}`);
        try {
          if ((await fetch(healthUrl)).ok) return;
        } catch {
          /* not listening yet */
        }
        if (Date.now() > deadline) throw new Error(`${script} did not answer ${healthUrl} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
