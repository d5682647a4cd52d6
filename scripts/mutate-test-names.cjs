// StrykerJS runs, for each mutant, only the tests that cover it: it hands jest their names as a
// test-name pattern. Jest still loads every related test file to find those names, and loading a
// file (the engine, ajv, fastify…) costs far more than running its few covering tests: 26 files
// for each formula mutant, 8 s a mutant. These jest plug-ins, used by jest.mutate.cjs only, cut
// that to the files that hold the covering tests, and stop at the first file with a failure:
// - the environment writes down each test file's test names when a run has no name pattern (the
//   dry run Stryker starts with, which runs everything);
// - the sequencer, when a run has a pattern, keeps the files with a name it matches, those with
//   the most first. A file it knows nothing of is kept, and a pattern no known name matches keeps
//   them all, so a mutant is never reported alive for want of a test file;
// - the test runner (jest-circus, wrapped) skips the files left once a test has failed in a run
//   with a pattern: the mutant is killed, and what the other files say does not change that.
//   (Jest's own `bail` is switched off by Stryker's jest runner.)
const { createHash } = require('node:crypto');
const { mkdirSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { TestEnvironment } = require('jest-environment-node');
const Sequencer = require('@jest/test-sequencer').default;
const circus = require('jest-circus/runner').default;
const { createEmptyTestResult } = require('@jest/test-result');

/** Where the names are kept: one file per test file, so parallel runners never write one file. */
const namesDir = (rootDir) => join(rootDir, '.jest-test-names');

/** Whether a test failed in the run under way (one run at a time: Stryker runs jest in band). */
const FAILED = Symbol.for('tessera.mutate.failedInRun');

/** A test's full name as jest-circus matches a name pattern: its describe blocks and its own. */
function fullName(test) {
  const parts = [];
  for (let block = test; block && block.parent; block = block.parent) parts.unshift(block.name);
  return parts.join(' ');
}

class NamesEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.rootDir = config.projectConfig.rootDir;
    this.testPath = context.testPath;
    // Written only when every test runs: a pattern's run sees a part of them.
    this.names = config.globalConfig.testNamePattern ? null : [];
  }

  async handleTestEvent(event) {
    if (this.names && event.name === 'test_start') this.names.push(fullName(event.test));
  }

  async teardown() {
    if (this.names) {
      const file = relative(this.rootDir, this.testPath);
      mkdirSync(namesDir(this.rootDir), { recursive: true });
      const id = createHash('sha1').update(file).digest('hex');
      writeFileSync(join(namesDir(this.rootDir), `${id}.json`), JSON.stringify({ file, names: this.names }));
    }
    await super.teardown();
  }
}

class NamesSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.pattern = options.globalConfig.testNamePattern;
    this.rootDir = options.globalConfig.rootDir;
    // A new run: nothing has failed in it yet.
    globalThis[FAILED] = false;
  }

  sort(tests) {
    if (!this.pattern) return super.sort(tests);
    let entries = [];
    try {
      entries = readdirSync(namesDir(this.rootDir));
    } catch {
      return super.sort(tests);
    }
    const known = new Map();
    for (const entry of entries) {
      const { file, names } = JSON.parse(readFileSync(join(namesDir(this.rootDir), entry), 'utf8'));
      known.set(file, names);
    }
    // Jest matches the pattern case-insensitively against each test's full name.
    const pattern = new RegExp(this.pattern, 'i');
    const matches = new Map(tests.map((t) => {
      const names = known.get(relative(this.rootDir, t.path));
      return [t, names ? names.filter((n) => pattern.test(n)).length : Infinity];
    }));
    const kept = tests.filter((t) => matches.get(t) > 0);
    if (kept.length === 0) return super.sort(tests);
    return kept.sort((a, b) => matches.get(b) - matches.get(a));
  }
}

/** jest-circus, skipping the files left once a test has failed in a run with a name pattern. */
async function bailingCircus(globalConfig, config, environment, runtime, testPath, sendMessageToJest) {
  if (globalConfig.testNamePattern && globalThis[FAILED]) {
    // Jest takes a file without a test for a broken one: the file reports one skipped test.
    const skipped = { ancestorTitles: [], title: 'skipped: a test failed in an earlier file', fullName: 'skipped: a test failed in an earlier file', status: 'pending', duration: 0, failureMessages: [], failureDetails: [], numPassingAsserts: 0, invocations: 0, location: null };
    return { ...createEmptyTestResult(), testFilePath: testPath, skipped: true, numPendingTests: 1, testResults: [skipped] };
  }
  const result = await circus(globalConfig, config, environment, runtime, testPath, sendMessageToJest);
  if (result.numFailingTests > 0) globalThis[FAILED] = true;
  return result;
}

module.exports = { NamesEnvironment, NamesSequencer, bailingCircus };
