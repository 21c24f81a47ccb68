/**
 * Runs the built CLI (`dist/apps/cli/src/main.js`, the `survey` bin) as a child process with
 * exactly the given environment (plus PATH), collecting stdout and stderr apart: the tests check
 * that results go to stdout and progress to stderr, and what the exit code is.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { assertBuilt, Exit, serverEnv } from './server-process';
import { pause } from '@survey/domain/testing';

export const CLI_JS = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');

export class CliProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit & { stdout: string; stderr: string }>;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout: this.stdout, stderr: this.stderr })));
  }

  static start(args: string[], env: Record<string, string | undefined> = {}): CliProcess {
    assertBuilt();
    return new CliProcess(spawn(process.execPath, [CLI_JS, ...args], { env: serverEnv(env), stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  /** Resolves once stderr matches, rejecting if the process ends first or the time runs out. */
  async stderrMatching(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    let ended = false;
    void this.exited.then(() => (ended = true));
    for (;;) {
      const match = pattern.exec(this.stderr);
      if (match) return match;
      if (ended || Date.now() > deadline) throw new Error(`stderr never matched ${pattern}; stdout: ${this.stdout}; stderr: ${this.stderr}`);
      await pause(20);
    }
  }
}

/** Runs the CLI to its end (failing after timeoutMs) and returns its exit and output. */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 30_000): Promise<Exit & { stdout: string; stderr: string }> {
  const cli = CliProcess.start(args, env);
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), timeoutMs);
  try {
    return await cli.exited;
  } finally {
    clearTimeout(timer);
  }
}
