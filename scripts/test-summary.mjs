// Prints one closing table of test counts per layer, read from the runners' JSON reports.
import fs from 'node:fs';

const read = (file) => JSON.parse(fs.readFileSync(new URL(`../reports/${file}`, import.meta.url), 'utf8'));
const layers = new Map();
const bump = (layer, status) => {
  const counts = layers.get(layer) ?? { passed: 0, failed: 0, skipped: 0 };
  counts[status] += 1;
  layers.set(layer, counts);
};

const vitest = read('vitest.json');
for (const file of vitest.testResults) {
  const layer = file.name.includes('/tests/integration/') ? 'integration (vitest, real SQLite)' : 'unit (vitest)';
  for (const test of file.assertionResults) {
    bump(layer, test.status === 'passed' ? 'passed' : test.status === 'failed' ? 'failed' : 'skipped');
  }
}

const skipReasons = new Set();
const walk = (suite) => {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests) {
      const layer = `end-to-end: ${test.projectName}`;
      const status = test.status === 'skipped' ? 'skipped' : test.status === 'expected' || test.status === 'flaky' ? 'passed' : 'failed';
      bump(layer, status);
      if (status === 'skipped') {
        for (const annotation of test.annotations ?? [])
          if (annotation.description) skipReasons.add(`${test.projectName}: ${annotation.description}`);
      }
    }
  }
  for (const child of suite.suites ?? []) walk(child);
};
for (const suite of read('e2e.json').suites) walk(suite);

console.log('\nStepwise test summary');
for (const [layer, counts] of layers) {
  console.log(
    `  ${layer.padEnd(38)} ${String(counts.passed).padStart(4)} passed  ${String(counts.failed).padStart(3)} failed  ${String(counts.skipped).padStart(3)} skipped`,
  );
}
for (const reason of skipReasons) console.log(`  skipped because ${reason}`);
const failed = [...layers.values()].reduce((sum, counts) => sum + counts.failed, 0);
process.exit(failed > 0 ? 1 : 0);
