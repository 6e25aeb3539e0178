// A @web/test-runner reporter that counts the tests that really ran and writes
// the counts to a file for scripts/test.mjs. A test file that failed to load,
// a browser that never started, or a file that ran no test at all counts as one
// failure, never as a pass and never as nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const COUNT_FILE = process.env.ESS_WTR_COUNT_FILE ?? '.cache/wtr-count.json';

function walk(suite, acc) {
  for (const t of suite?.tests ?? []) {
    if (t.skipped) acc.skipped++;
    else if (t.passed) acc.passed++;
    else acc.failed++;
  }
  for (const s of suite?.suites ?? []) walk(s, acc);
}

export function countReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const acc = { passed: 0, failed: 0, skipped: 0, files: 0, brokenFiles: [], emptyFiles: [] };
      for (const session of sessions) {
        acc.files++;
        const before = acc.passed + acc.failed + acc.skipped;
        walk(session.testResults, acc);
        const ran = acc.passed + acc.failed + acc.skipped - before;
        if ((session.errors?.length ?? 0) > 0 || (!session.passed && ran === 0)) {
          acc.failed++;
          acc.brokenFiles.push(session.testFile);
        } else if (ran === 0) {
          acc.failed++;
          acc.emptyFiles.push(session.testFile);
        }
      }
      mkdirSync(dirname(COUNT_FILE), { recursive: true });
      writeFileSync(COUNT_FILE, JSON.stringify(acc, null, 2));
    },
  };
}
