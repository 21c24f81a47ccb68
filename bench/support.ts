/** Child-process servers for the benchmark: the load generator and the server never share a core's event loop. */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SERVER_HEAP_FLAGS } from '@survey/application';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `node script` with env + PORT, and resolves once GET /v1/health answers. `answerWithinMs`:
 * the API takes 45-50 s on the quiet machine to answer its first request on a fresh 1M-event log
 * (the report part's), main's build of 2026-12-07 too; the other parts' servers answer in seconds.
 */
export async function startServer(script: string, env: Record<string, string>, answerWithinMs = 30_000): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...SERVER_HEAP_FLAGS, script], {
    env: { PATH: process.env.PATH, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + answerWithinMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode} before answering`);
    try {
      if ((await fetch(`${url}/v1/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      // Not left running behind a failed bench (it would load the machine for the next run).
      child.kill('SIGKILL');
      await exited;
      throw new Error(`${script} did not answer within ${answerWithinMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Resolves once every projection of the server at `url` reports lag 0. The bench rebuilds only
 * the `reports` projection; the others (e.g. `segments`) start from nothing in the served
 * process, and latency is to be measured at steady state, not while they fold a million events.
 */
export async function caughtUp(url: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(new URL('/v1/health/ready', url)).catch(() => null);
    const body = res?.ok ? ((await res.json()) as { projections?: { lag: number | null }[] }) : null;
    if (body?.projections?.length && body.projections.every((p) => p.lag === 0)) return;
    if (Date.now() > deadline) throw new Error(`projections at ${url} did not catch up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Waits until the API says nothing is catching up (readiness' `catchingUp` empty): the projections,
 * the case reactor, the sealer and the deadline scheduler at the log's head, the scheduler with no
 * missed deadline left to record. On the bench's log that is minutes after the projections reach the
 * head: the reactor opens ~84,000 cases and the scheduler records their deadlines (see
 * bench/README.md); a latency measured before measures that one-off catch-up, not the steady state.
 */
export async function settled(url: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const res = await fetch(new URL('/v1/health/ready', url)).catch(() => null);
    last = res?.ok ? ((await res.json()) as { catchingUp?: string[] }).catchingUp : res?.status;
    if (Array.isArray(last) && last.length === 0) return;
    if (Date.now() > deadline) throw new Error(`the API at ${url} did not settle within ${timeoutMs} ms (catching up: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Waits for the steady state from the files (for a build whose readiness has no `catchingUp`): every checkpoint the API keeps in its read-model store (the
 * projections', the case reactor's, the outbox's) at the log's head, and the head still for
 * QUIET_MS. The deadline scheduler keeps no checkpoint: on the bench's log (2019's ratings, served
 * on today's clock) the reactor opens a case for every bad review (~84,000) and the scheduler's
 * first pass then records both deadlines of each as missed (~164,000 appends) for minutes after the
 * checkpoints first reach the head; a latency measured then measures that one-off catch-up (see
 * bench/README.md), not the steady state, which has nothing left to append.
 */
export async function subscribersCaughtUp(dataDir: string, timeoutMs = 600_000): Promise<void> {
  const QUIET_MS = 5000;
  const events = new Database(join(dataDir, 'events.db'), { readonly: true, fileMustExist: true });
  const readModels = new Database(join(dataDir, 'read-models.db'), { readonly: true, fileMustExist: true });
  const deadline = Date.now() + timeoutMs;
  let still: { head: number; since: number } | undefined;
  try {
    for (;;) {
      const { head } = events.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM events').get() as { head: number };
      const behind = readModels.prepare('SELECT COUNT(*) AS n FROM checkpoints WHERE position < ?').get(head) as { n: number };
      if (behind.n > 0 || still?.head !== head) still = behind.n > 0 ? undefined : { head, since: Date.now() };
      else if (Date.now() - still.since >= QUIET_MS) break;
      if (Date.now() > deadline) throw new Error(`the API did not settle within ${timeoutMs} ms (${behind.n} subscribers behind the log's head ${head})`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    events.close();
    readModels.close();
  }
}
