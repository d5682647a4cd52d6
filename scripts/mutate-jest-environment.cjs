module.exports = require('./mutate-test-names.cjs').NamesEnvironment;
