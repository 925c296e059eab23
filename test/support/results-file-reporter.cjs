// Writes the run's pass/fail counts to $JEST_RESULTS_DIR/results-<name>.json, so .ci/run can
// add up both suites of `npm test` (unit + e2e, then process-level) into its closing line.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class ResultsFileReporter {
  constructor(_globalConfig, options) {
    this.name = options.name;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.JEST_RESULTS_DIR;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    const { numPassedTests, numFailedTests, numRuntimeErrorTestSuites } = results;
    writeFileSync(
      join(dir, `results-${this.name}.json`),
      JSON.stringify({ numPassedTests, numFailedTests, numRuntimeErrorTestSuites }),
    );
  }
}

module.exports = ResultsFileReporter;
