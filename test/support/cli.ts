/** Runs the built CLI (`dist/apps/cli/src/main.js`) as a child process with exactly the given environment (plus PATH). */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CLI_JS = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<CliRun> {
  if (!existsSync(CLI_JS)) throw new Error(`${CLI_JS} does not exist: run \`npm run build\` first (npm test does)`);
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI_JS, ...args], { env: { PATH: process.env.PATH, ...env }, timeout: timeoutMs, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
