// The name says jest-circus: Stryker's jest runner accepts per-test coverage only with it.
module.exports = require('./mutate-test-names.cjs').bailingCircus;
