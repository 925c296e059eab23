/**
 * `npm run test:ops`: the process-level specs (real `node` processes, signals, PostgreSQL and
 * Redis stopped and restarted). Same transform as jest.config.js; one spec at a time, since
 * each runs several processes and stops servers.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/ops/**/*.ops-spec.ts'],
  reporters: ['default', ['<rootDir>/test/support/results-file-reporter.cjs', { name: 'ops' }]],
  globalSetup: '<rootDir>/test/ops/support/ops-global-setup.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
};
