// One jest run for the whole workspace: every package's tests and the cross-package tests.
// TypeScript is stripped by swc (fast); `npm run typecheck` checks types.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', tsx: true },
    transform: { react: { runtime: 'automatic' } },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

// Every test runs in Los Angeles, whatever the machine's zone: neither UTC (CI's) nor a tenant's
// default (Asia/Shanghai), so code that reads the server's own zone instead of the tenant's shows.
process.env.TZ = 'America/Los_Angeles';

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swc] },
  testMatch: ['**/tests/**/*.test.ts', '**/tests/**/*.test.tsx'],
  // StrykerJS copies the checkout into .stryker-tmp/ while it runs: a second copy of every
  // package and test, which jest would otherwise find too (`<rootDir>`, so a run inside the
  // sandbox still sees its own files).
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/.stryker-tmp/'],
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  // ESM-only dependencies (cookie 2 under fastify's inject, content-disposition under
  // @fastify/static) are compiled to CommonJS too.
  transformIgnorePatterns: ['/node_modules/(?!(cookie|content-disposition)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  // The browser tests' web app is built once, before any test file starts (not by each file,
  // into the same folder at the same time); skipped when no browser test is selected.
  globalSetup: '<rootDir>/tests/browser/global-setup.ts',
  globalTeardown: '<rootDir>/tests/browser/global-teardown.ts',
  // Tests within a file run in a random order, and the seed is printed: replay one with
  // `npx jest --seed=<n>`. A test that only passes after another one is a bug.
  randomize: true,
  testTimeout: 30000,
  maxWorkers: 2,
};
