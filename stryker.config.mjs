// StrykerJS: plants small bugs (mutants) in the sources and runs the tests that cover each one.
// A mutant no test kills is a bug the suite would let through. Run it with `npm run mutate`
// (all packages) or `npm run mutate -- engines/form/src/formula` (one folder); see
// docs/testing.md. Not part of CI: a full run takes tens of minutes on two cores.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { configFile: 'jest.mutate.cjs', enableFindRelatedTests: true },
  checkers: ['typescript'],
  // scripts/mutate.mjs names the package's own (tsconfig.mutate-form.json, …): a smaller program checks faster.
  tsconfigFile: process.env.TESSERA_MUTATE_TSCONFIG ?? 'tsconfig.mutate.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // A static mutant (a module-level value) is covered by every test, so each one reruns the whole
  // suite (minutes on two cores). They are reported as ignored, not counted as killed.
  ignoreStatic: true,
  // The packages whose promises the tests must keep (scripts/mutate.mjs narrows this to a folder).
  mutate: [
    'engines/form/src/**/*.ts',
    '!engines/form/src/react/**',
    'runtime/src/services/**/*.ts',
    'runtime/src/storage/embedded/**/*.ts',
    'platform/src/identity/**/*.ts',
  ],
  // The built web app (designer/dist) goes into the sandbox: an API test checks its index.html.
  ignorePatterns: ['/dist', '/data', 'coverage', 'reports', '.scratch', 'tests/browser/screenshots'],
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  plugins: ['@stryker-mutator/*', './scripts/stryker-live-survivors.mjs', './scripts/stryker-openapi-ignorer.mjs'],
  // openapi-docs: a route's summary, tags and text descriptions are left unmutated (they only feed
  // the OpenAPI document; see the script).
  ignorers: ['openapi-docs'],
  // live-survivors: reports/mutation/survivors-live.txt grows while the run goes on.
  reporters: ['progress', 'json', 'html', 'live-survivors'],
  // scripts/mutate.mjs names one report per package it runs.
  jsonReporter: { fileName: process.env.TESSERA_MUTATE_REPORT ?? 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: (process.env.TESSERA_MUTATE_REPORT ?? 'reports/mutation/mutation.json').replace(/\.json$/, '.html') },
  // Two checkers and two test runners: the checkers idle once they have loaded the program, so
  // two runners keep both cores busy.
  concurrency: 4,
  // Added to a test's own time (×1.5) before a mutant counts as hanging. At 20 s, hanging mutants
  // (an infinite loop planted in a walker) took most of a run's hours; 8 s still leaves the API
  // tests, the slowest, twice their time. scripts/mutate.mjs sets it per package (3 s for unit tests).
  timeoutMS: 8000,
  dryRunTimeoutMinutes: 30,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
