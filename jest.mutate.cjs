// The jest configuration StrykerJS runs for each mutant (`npm run mutate`): no browser tests
// (they exercise the built bundle, not the mutated sources), a fixed order, and only the tests of
// the package being mutated (TESSERA_MUTATE_TESTS, set by scripts/mutate.mjs: folders, test files or globs of them): a package's own
// tests must catch its bugs, and each mutant then reruns seconds of tests, not minutes.
// Stryker copies the checkout into a sandbox whose node_modules is a link to the real one, so
// `@tessera/*` would resolve to the unmutated packages: they are mapped into the sandbox.
const base = require('./jest.config.cjs');

const scope = (process.env.TESSERA_MUTATE_TESTS ?? '').split(',').filter(Boolean);

module.exports = {
  ...base,
  // A folder's tests, or one test file named as such (to mutate one file against the tests that own it).
  ...(scope.length > 0 ? { testMatch: scope.flatMap((p) => (/\.test\.tsx?$/.test(p) ? [`<rootDir>/${p}`] : [`<rootDir>/${p}/**/*.test.ts`, `<rootDir>/${p}/**/*.test.tsx`])) } : {}),
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, '/tests/browser/', '/tests/bench/'],
  // Each mutant loads only the test files holding the tests that cover it, and stops at the first
  // that fails (scripts/mutate-test-names.cjs).
  testEnvironment: require('node:path').join(__dirname, 'scripts', 'mutate-jest-environment.cjs'),
  testSequencer: require('node:path').join(__dirname, 'scripts', 'mutate-jest-sequencer.cjs'),
  testRunner: require('node:path').join(__dirname, 'scripts', 'mutate-jest-circus-runner.cjs'),
  modulePathIgnorePatterns: [...base.modulePathIgnorePatterns, '<rootDir>/.jest-test-names/'],
  globalSetup: undefined,
  globalTeardown: undefined,
  randomize: false,
  moduleNameMapper: {
    '^@tessera/form-engine$': '<rootDir>/engines/form/src/index.ts',
    '^@tessera/form-engine/react$': '<rootDir>/engines/form/src/react/index.ts',
    '^@tessera/runtime$': '<rootDir>/runtime/src/index.ts',
    '^@tessera/platform$': '<rootDir>/platform/src/index.ts',
  },
};
