/**
 * docker/Dockerfile's build stage, replayed without a Docker engine (none runs where the tests
 * run): exactly what its COPY lines name (less what .dockerignore leaves out) goes into an empty
 * directory standing for /app, and its RUN steps run there in order. So a file the build needs and
 * the image does not copy fails here, as `scripts/copy-public.js` once did.
 *
 * Two steps are not re-run: `apt-get install` (Debian's build tools, already on this machine) and
 * `npm ci`, for which the repository's node_modules is linked in, since `.ci/run` has just made it
 * with `npm ci` from the same lockfile (an install compiles better-sqlite3, ~1.5 min). The test
 * still checks that package.json and package-lock.json were copied before that step, as npm ci
 * needs them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { copyArgs, instructionsOf, parseDockerfile } from './support/dockerfile';

const root = join(__dirname, '..');
const stages = parseDockerfile(readFileSync(join(root, 'docker', 'Dockerfile'), 'utf8'));
const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim().replace(/\/$/, '')).filter((l) => l && !l.startsWith('#'));
const isIgnored = (path: string) => ignored.some((entry) => path === entry || path.startsWith(`${entry}/`));

jest.setTimeout(240_000);

describe('docker/Dockerfile', () => {
  let app: string;
  const log: string[] = [];
  beforeAll(() => void (app = mkdtempSync(join(tmpdir(), 'docker-build-'))));
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('builds every app from only the files its build stage copies', () => {
    for (const { keyword, args } of instructionsOf(stages, 'build')) {
      if (keyword === 'WORKDIR') expect(args).toBe('/app'); // the temp directory stands for it
      else if (keyword === 'COPY') copy(args);
      else if (keyword === 'RUN') run(args);
      else throw new Error(`the replay does not know ${keyword}: teach test/dockerfile.int-spec.ts`);
    }
    for (const main of ['api', 'projector', 'cli']) expect(existsSync(join(app, 'dist', 'apps', main, 'src', 'main.js'))).toBe(true);
    // The pages' static files are copied by the build's last step, not by tsc.
    expect(existsSync(join(app, 'dist', 'apps', 'api', 'src', 'web', 'public', 'index.html'))).toBe(true);
    expect(existsSync(join(app, 'dist', 'apps', 'api', 'src', 'questionnaire', 'public', 'index.html'))).toBe(true);
  });

  it('gives the final stage everything it copies from the build, and the built CLI runs', () => {
    const final = stages[stages.length - 1];
    const fromBuild = final.instructions.filter((i) => i.keyword === 'COPY').map((i) => copyArgs(i.args)).filter((c) => c.from === 'build');
    expect(fromBuild.length).toBeGreaterThan(0);
    for (const { sources } of fromBuild) for (const source of sources) expect(existsSync(join(app, relative('/app', source)))).toBe(true);
    const help = spawnSync(process.execPath, ['dist/apps/cli/src/main.js', '--help'], { cwd: app, encoding: 'utf8' });
    expect(help.stderr).toBe('');
    expect(help.stdout).toMatch(/survey/);
    expect(help.status).toBe(0);
  });

  function copy(args: string): void {
    const { from, sources, destination } = copyArgs(args);
    expect(from).toBeUndefined(); // the build chain copies from the context only
    for (const source of sources) {
      const target = destination.endsWith('/') ? join(app, destination, source) : join(app, destination);
      cpSync(join(root, source), target, { recursive: true, filter: (path) => !isIgnored(relative(root, path)) });
    }
  }

  function run(command: string): void {
    if (/^apt-get /.test(command)) return void log.push(`skipped: ${command}`);
    if (/^npm ci(\s|$)/.test(command)) {
      for (const file of ['package.json', 'package-lock.json']) expect(existsSync(join(app, file))).toBe(true);
      if (!existsSync(join(app, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
      return void log.push(`linked node_modules for: ${command}`);
    }
    const result = spawnSync('sh', ['-c', command], { cwd: app, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    if (result.status !== 0) throw new Error(`RUN ${command} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
});
