/**
 * The layering rules of eslint.config.mjs fire: code that breaks one, linted as if it stood at a
 * path in the tree, gets that rule's error, and the same code where it is allowed gets none. (A
 * rule that never fires would pass `npm run lint` as well as a tree that keeps it.) ESLint runs in
 * a child process of its own: its config is an ES module, which jest's CommonJS runtime cannot load.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

interface Probe {
  path: string;
  code: string;
}

/** The rule ids reported for each probe, in order. */
function lint(probes: Probe[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const eslint = new ESLint();
    const probes = JSON.parse(process.argv[1]);
    const out = [];
    for (const { path, code } of probes) {
      const [result] = await eslint.lintText(code, { filePath: path });
      out.push(result.messages.map((m) => m.ruleId ?? m.message));
    }
    console.log(JSON.stringify(out));
  `;
  const root = join(__dirname, '..');
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(probes)], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

jest.setTimeout(120_000);

describe('the layering rules', () => {
  const cases: [string, Probe, string[]][] = [
    ['libs/domain imports no other lib', { path: 'libs/domain/src/probe.ts', code: "import { SqliteEventStore } from '@survey/event-store';\nexport const x = SqliteEventStore;\n" }, ['import-x/no-restricted-paths']],
    ['libs/reporting imports no other lib, by a relative path either', { path: 'libs/reporting/src/probe.ts', code: "import { DEFAULT_SCALE } from '../../domain/src';\nexport const x = DEFAULT_SCALE;\n" }, ['import-x/no-restricted-paths']],
    ['no lib imports an app', { path: 'libs/application/src/probe.ts', code: "import { WebModule } from '../../../apps/api/src/web/web.module';\nexport const x = WebModule;\n" }, ['import-x/no-restricted-paths']],
    ['a driver outside its adapter', { path: 'libs/application/src/probe.ts', code: "import Database from 'better-sqlite3';\nexport const x = Database;\n" }, ['no-restricted-imports']],
    ['another adapter\'s driver', { path: 'libs/read-models/src/sqlite/probe.ts', code: "import { MongoClient } from 'mongodb';\nexport const x = MongoClient;\n" }, ['no-restricted-imports']],
    ['a driver inside its adapter', { path: 'libs/read-models/src/sqlite/probe.ts', code: "import Database from 'better-sqlite3';\nexport const x = Database;\n" }, []],
    ['console.* in a lib', { path: 'libs/application/src/probe.ts', code: "export const x = () => console.warn('x');\n" }, ['no-console']],
    ['console.* in an app', { path: 'apps/cli/src/probe.ts', code: "export const x = () => console.log('x');\n" }, ['no-console']],
    ['console.* in a test', { path: 'apps/cli/src/probe.spec.ts', code: "export const x = () => console.log('x');\n" }, []],
    ['an app importing libs', { path: 'apps/api/src/probe.ts', code: "import { loadConfig } from '@survey/application';\nexport const x = loadConfig;\n" }, []],
  ];

  it('report what breaks them, and only that', () => {
    const reported = lint(cases.map(([, probe]) => probe));
    expect(cases.map(([name], i) => [name, reported[i]])).toEqual(cases.map(([name, , expected]) => [name, expected]));
  });
});
