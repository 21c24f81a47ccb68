// Three tiers, named by file suffix: *.spec.ts (pure), *.int-spec.ts (real SQLite files),
// *.e2e-spec.ts (the real app over HTTP). @swc/jest compiles ~4x faster than ts-jest.
const transform = {
  '^.+\\.ts$': ['@swc/jest', {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  }],
};
const moduleNameMapper = {
  '^@survey/(domain|event-store|read-models|reporting|application)$': '<rootDir>/libs/$1/src',
  // The libs' test kits (never part of a lib's public index): @survey/<lib>/testing.
  '^@survey/(domain|event-store|read-models|application)/testing$': '<rootDir>/libs/$1/src/testing',
};
const project = (displayName, suffix, setupFilesAfterEnv = []) => ({
  displayName, transform, moduleNameMapper, setupFilesAfterEnv,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/{apps,libs,test}/**/*.${suffix}.ts`],
});
// Real stores, threads and processes: 30 s a test rather than jest's 5 s (test/support/slow-tier-timeout.ts).
const slowTier = ['<rootDir>/test/support/slow-tier-timeout.ts'];
module.exports = {
  projects: [project('unit', 'spec'), project('int', 'int-spec', slowTier), project('e2e', 'e2e-spec', slowTier)],
};
