// `npm run lint` (run by `npm test`, so by CI): the recommended rules that need no type
// information (the type-checker already runs in `npm run typecheck`), no import cycles, and the
// layering the code base keeps:
//   - libs/domain and libs/reporting are pure: they import no other lib;
//   - no lib imports an app;
//   - a database driver (better-sqlite3, @eventstore/db-client, mongodb) is imported only inside
//     its adapter's folder, so nothing else can depend on a store's details;
//   - no console.* in apps/ and libs/: every process logs through its pino logger (JSON lines,
//     secrets redacted), and the CLI writes its output through apps/cli/src/conventions.ts.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const DRIVERS = {
  'better-sqlite3': ['libs/event-store/src/sqlite-*.ts', 'libs/read-models/src/sqlite/**'],
  '@eventstore/db-client': ['libs/event-store/src/esdb/**'],
  mongodb: ['libs/read-models/src/mongo/**'],
};

/** no-restricted-imports naming every driver but those allowed in the files at hand. */
const driversExcept = (...allowed) => [
  'error',
  {
    paths: Object.keys(DRIVERS)
      .filter((driver) => !allowed.includes(driver))
      .map((name) => ({ name, message: `${name} is a database driver: import it only inside its adapter folder (${DRIVERS[name].join(', ')}).` })),
  },
];

const PRODUCTION_IGNORES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/*/src/testing/**'];

/** A zone of import-x/no-restricted-paths: files under `target` may not import from `from`. */
const zone = (target, from, message, except = []) => ({ target, from, except, message });

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'data/**', 'test/artifacts/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // TypeScript files are parsed for their imports (without this, import-x follows no .ts file
      // and finds no cycle); the resolver follows tsconfig.json's @survey/* paths too.
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: [zone('./libs', './apps', 'a lib never imports an app: apps are built from libs, not the other way.')] }],
      // Parameters named only to show a signature (`_event`) are fine; so is `catch {}`.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // Production code: the pure libs import no other lib, and drivers stay in their adapters. Tests
  // and test kits may reach further (a reporting spec takes the domain's default scale as its
  // fixture; a tamper test opens events.db with the driver).
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: PRODUCTION_IGNORES,
    rules: {
      'no-console': 'error',
      'no-restricted-imports': driversExcept(),
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone('./libs/domain', './libs', 'libs/domain is pure: it imports no other lib.', ['./domain']),
            zone('./libs/reporting', './libs', 'libs/reporting is pure statistics: it imports no other lib.', ['./reporting']),
            zone('./libs', './apps', 'a lib never imports an app: apps are built from libs, not the other way.'),
          ],
        },
      ],
    },
  },
  { files: DRIVERS['better-sqlite3'], ignores: PRODUCTION_IGNORES, rules: { 'no-restricted-imports': driversExcept('better-sqlite3') } },
  { files: DRIVERS['@eventstore/db-client'], ignores: PRODUCTION_IGNORES, rules: { 'no-restricted-imports': driversExcept('@eventstore/db-client') } },
  { files: DRIVERS.mongodb, ignores: PRODUCTION_IGNORES, rules: { 'no-restricted-imports': driversExcept('mongodb') } },
  // The pages' browser modules.
  {
    files: ['apps/**/public/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
  // Node scripts in CommonJS (the build's copy step, jest's config).
  {
    files: ['scripts/**/*.js', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Node scripts in ES modules; docs/screenshot-dashboard.mjs also hands functions to the browser.
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
  {
    files: ['docs/screenshot-dashboard.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
