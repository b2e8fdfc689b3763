// Prints the one line CI reads ("N passed, N failed") from vitest's JSON report.
// A failed typecheck or lint (second argument non-zero) counts as one more failure.
import { existsSync, readFileSync } from 'node:fs';

const [reportPath = 'test-results/vitest.json', checksStatus = '0'] = process.argv.slice(2);
const checksFailed = checksStatus === '0' ? 0 : 1;
if (!existsSync(reportPath)) {
  console.log(`0 passed, ${1 + checksFailed} failed`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + checksFailed;
const skipped = report.numPendingTests ?? 0;
// Skipped suites name their reason in the describe title (e.g. "… (skipped: DATABASE_URL is not set)").
const skippedSuites = new Set();
for (const file of report.testResults ?? []) {
  for (const test of file.assertionResults ?? []) {
    if (test.status === 'skipped' || test.status === 'pending') {
      skippedSuites.add(
        `${file.name.replace(`${process.cwd()}/`, '')}: ${test.ancestorTitles?.[0] ?? test.title}`,
      );
    }
  }
}
for (const suite of skippedSuites) console.log(`skipped: ${suite}`);
console.log(
  skipped > 0
    ? `${passed} passed, ${failed} failed, ${skipped} skipped`
    : `${passed} passed, ${failed} failed`,
);
process.exit(failed > 0 || report.success === false ? 1 : 0);
