/** Runs one of the built apps (dist/) as a child process of the CLI. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface Child {
  exited: Promise<number | null>;
  ready(healthUrl: string, timeoutMs?: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * V8's young generation for a process that folds or appends hundreds of thousands of events: most of
 * what a batch allocates lives for the batch (its events, their JSON, the states they fold into),
 * longer than the default 16 MB semi-space lasts, so each scavenge copied ~10 MB of survivors into
 * the old generation only for a mark-compact to free them later (22 s of the demo's main thread went to
 * scavenges). With 64-256 MB the batch dies young. `npm run demo` and `npm run survey` start the CLI
 * with the same flags (package.json).
 */
export const HEAP_FLAGS = ['--max-semi-space-size=256', '--min-semi-space-size=64'];

/** `script` is relative to dist/ (this file is dist/apps/cli/src/demo/child.js). */
export function runNode(script: string, env: Record<string, string>, stdio: 'inherit' | 'ignore'): Child {
  const path = join(__dirname, '..', '..', '..', '..', script);
  const child = spawn(process.execPath, [...HEAP_FLAGS, path], { env: { ...process.env, ...env }, stdio: ['ignore', stdio, 'inherit'] });
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
