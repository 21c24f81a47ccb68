/**
 * Runs the built API (`dist/apps/api/src/main.js`) as a real child process, for the tests that
 * kill or stop it: on a free 127.0.0.1 port, with a given DATA_DIR, killed with a chosen signal.
 * Also a small HTTP client with keep-alive off, so every request has its own connection and ends
 * in exactly one of: a response, or a connection error.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_SECRET } from './app';
import { aCampaign, aProfile, creditCode } from './fixtures';
import { pool } from '@survey/application';
import { pause } from '@survey/domain/testing';

/** What the polls read of readiness's body. */
interface ReadyBody {
  projections: { lag: number | null }[];
  catchingUp?: string[];
}

export const MAIN_JS = join(__dirname, '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');
export const PROJECTOR_JS = join(__dirname, '..', '..', 'dist', 'apps', 'projector', 'src', 'main.js');

export interface StartOptions {
  timeoutMs?: number;
  secret?: string;
  /** More environment for the child, e.g. PROJECTIONS=external. */
  env?: Record<string, string>;
  /** The built app to run (the API by default); the projector answers health on HEALTH_PORT. */
  script?: string;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface HttpResult {
  status: number;
  contentType: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** A connection error (refused, reset, hang-up) rather than an HTTP response. */
export class ConnectionError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export function assertBuilt(): void {
  if (!existsSync(MAIN_JS)) {
    throw new Error(`${MAIN_JS} does not exist: run \`npm run build\` before the process e2e tests (npm test does)`);
  }
}

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

/** Only what the server needs, so nothing from the developer's shell (EVENTSTORE_URL…) leaks in. */
export function serverEnv(vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  for (const [k, v] of Object.entries(vars)) if (v !== undefined) env[k] = v;
  return env;
}

export class ServerProcess {
  private out = '';
  private err = '';
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;

  private constructor(readonly child: ChildProcess, readonly port: number, readonly dataDir: string) {
    child.stdout?.on('data', (d: Buffer) => (this.out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.err += d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve((this.exit = { code, signal }))));
  }

  /** Starts the server and resolves once GET /v1/health answers 200. */
  static async start(dataDir: string, options: StartOptions = {}): Promise<ServerProcess> {
    assertBuilt();
    const deadline = Date.now() + (options.timeoutMs ?? 15_000);
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const script = options.script ?? MAIN_JS;
      const portVariable = script === PROJECTOR_JS ? 'HEALTH_PORT' : 'PORT';
      const env = serverEnv({ [portVariable]: String(port), DATA_DIR: dataDir, SURVEY_JWT_SECRET: options.secret ?? TEST_SECRET, ...options.env });
      const server = new ServerProcess(spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] }), port, dataDir);
      try {
        await server.waitForHealth(deadline);
        return server;
      } catch (error) {
        await server.kill('SIGKILL');
        // Another process may have taken the port between the probe and the listen: try another.
        if (server.stderr.includes('EADDRINUSE') && attempt < 3) continue;
        throw error;
      }
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get stdout(): string {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Sends the signal (if still running) and waits for the exit, failing after timeoutMs. */
  async kill(signal: NodeJS.Signals, timeoutMs = 10_000): Promise<Exit> {
    if (this.running) this.child.kill(signal);
    return this.waitForExit(timeoutMs);
  }

  /** Waits for the exit without sending anything, failing after timeoutMs. */
  waitForExit(timeoutMs: number): Promise<Exit> {
    return withTimeout(this.exited, timeoutMs, `server did not exit within ${timeoutMs} ms; stderr: ${this.err}`);
  }

  /** Polls GET /v1/health/ready until it is 200 with every projection at lag 0. */
  waitUntilCaughtUp(timeoutMs = 15_000): Promise<void> {
    return this.pollReady((body) => body.projections.length > 0 && body.projections.every((p) => p.lag === 0), 'projections did not catch up', timeoutMs);
  }

  /**
   * Polls GET /v1/health/ready until nothing is catching up: the projections, and the processes
   * that follow the log beside them (the case reactor, the deadline scheduler with nothing due
   * left to record, the sealer), all at the head. waitUntilCaughtUp counts projections only: on a
   * log that makes the reactor open cases, those cases' appends and their missed deadlines follow.
   */
  waitUntilSettled(timeoutMs = 15_000): Promise<void> {
    return this.pollReady((body) => body.projections.length > 0 && body.catchingUp?.length === 0, 'the server did not settle', timeoutMs);
  }

  /** Polls GET /v1/health/ready until it answers 200 with a body that `done` accepts. */
  private async pollReady(done: (body: ReadyBody) => boolean, failure: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: HttpResult | string = 'no answer yet';
    while (Date.now() < deadline) {
      this.assertRunning();
      last = await call('GET', `${this.url}/v1/health/ready`).catch((e: Error) => e.message);
      if (typeof last !== 'string' && last.status === 200 && done(last.body as ReadyBody)) return;
      await pause(50);
    }
    throw new Error(`${failure} within ${timeoutMs} ms; last /v1/health/ready: ${JSON.stringify(last)}`);
  }

  private async waitForHealth(deadline: number): Promise<void> {
    while (Date.now() < deadline) {
      this.assertRunning();
      const health = await call('GET', `${this.url}/v1/health`).catch(() => undefined);
      if (health?.status === 200) return;
      await pause(50);
    }
    throw new Error(`server did not answer GET /v1/health in time; stderr: ${this.err}`);
  }

  private assertRunning(): void {
    if (!this.running) throw new Error(`server exited (${JSON.stringify(this.exit)}); stderr: ${this.err}`);
  }
}

/** Runs main.js with exactly these variables (plus PATH) and returns how it ended. */
export async function runToExit(vars: Record<string, string | undefined>, timeoutMs = 10_000): Promise<Exit & { stdout: string; stderr: string }> {
  assertBuilt();
  const child = spawn(process.execPath, [MAIN_JS], { env: serverEnv(vars), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Exit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  try {
    return { ...(await withTimeout(exited, timeoutMs, `main.js did not exit within ${timeoutMs} ms`)), stdout, stderr };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** One request on its own connection (no keep-alive); rejects with ConnectionError when no response came. */
export function call(method: string, url: string, options: { token?: string; body?: unknown; timeoutMs?: number } = {}): Promise<HttpResult> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent: false, timeout: options.timeoutMs ?? 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e: NodeJS.ErrnoException) => reject(new ConnectionError(e.code ?? 'ERR', e.message)));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body, headers: res.headers });
      });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`${method} ${url} timed out`), { code: 'ETIMEDOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => reject(new ConnectionError(e.code ?? 'ERR', e.message)));
    req.end(payload);
  });
}


function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Opens a campaign (open now, closing in 30 days) and registers `count` enterprises, as admin. */
export async function seedCampaign(server: ServerProcess, campaignId: string, count: number, adminToken: string): Promise<string[]> {
  const opened = await call('POST', `${server.url}/v1/campaigns`, { token: adminToken, body: aCampaign(campaignId) });
  if (opened.status !== 201) throw new Error(`opening ${campaignId}: ${opened.status} ${JSON.stringify(opened.body)}`);
  const codes = Array.from({ length: count }, (_, i) => creditCode(i + 1));
  await pool(codes, 8, async (code) => {
    const registered = await call('PUT', `${server.url}/v1/enterprises/${code}`, { token: adminToken, body: aProfile() });
    if (registered.status !== 201) throw new Error(`registering ${code}: ${registered.status} ${JSON.stringify(registered.body)}`);
  });
  return codes;
}

export interface StoredBallot {
  agencyId: string;
  rating: string;
  /** How many events the ballot's stream holds, from the auditor's history. */
  events: number;
}

/**
 * Reads every enterprise's ballot (as that enterprise) and its history (as an auditor) and returns
 * the ones that hold an evaluation. An enterprise without one must have no history at all (404).
 */
export async function storedBallots(server: ServerProcess, campaignId: string, codes: string[], tokens: { enterprise: (code: string) => string; auditor: string }): Promise<Map<string, StoredBallot>> {
  const stored = new Map<string, StoredBallot>();
  await pool(codes, 16, async (code) => {
    const ballot = await call('GET', `${server.url}/v1/campaigns/${campaignId}/evaluations`, { token: tokens.enterprise(code) });
    if (ballot.status !== 200) throw new Error(`ballot of ${code}: ${ballot.status} ${JSON.stringify(ballot.body)}`);
    const evaluations = (ballot.body as { evaluations: { agencyId: string; rating: string }[] }).evaluations;
    const history = await call('GET', `${server.url}/v1/audit/campaigns/${campaignId}/ballots/${code}`, { token: tokens.auditor });
    if (evaluations.length === 0) {
      if (history.status !== 404) throw new Error(`empty ballot of ${code} has a history: ${history.status} ${JSON.stringify(history.body)}`);
      return;
    }
    if (evaluations.length !== 1) throw new Error(`ballot of ${code} holds ${evaluations.length} evaluations, one was submitted`);
    if (history.status !== 200) throw new Error(`history of ${code}: ${history.status} ${JSON.stringify(history.body)}`);
    const events = (history.body as { events: unknown[] }).events.length;
    stored.set(code, { agencyId: evaluations[0].agencyId, rating: evaluations[0].rating, events });
  });
  return stored;
}
