// A reporter for Node's test runner that counts the tests that really ran, per file, and writes
// the counts to the file named by ESS_NODE_COUNT_FILE for scripts/test.mjs. Suites are not
// tests. A test file that fails to load, exits with an error outside its tests, or runs no test
// at all counts as one failure, never as nothing.
import { writeFileSync } from 'node:fs';

export default async function* countReporter(source) {
  const perFile = new Map();
  const fileOf = (name) => {
    if (!perFile.has(name)) perFile.set(name, { passed: 0, failed: 0, skipped: 0, verdict: undefined });
    return perFile.get(name);
  };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { name, file, details, skip, todo, nesting } = event.data;
    if (!file) continue;
    const f = fileOf(file);
    const pass = event.type === 'test:pass';
    if (nesting === 0 && name === file) {
      // The file itself, once its process has ended.
      f.verdict = pass ? 'pass' : 'fail';
    } else if (details?.type === 'suite') {
      // A failing hook fails its suite; count it once if none of its tests did.
      if (!pass && f.failed === 0) f.failed++;
    } else if (skip || todo) f.skipped++;
    else if (pass) f.passed++;
    else f.failed++;
  }
  const acc = { passed: 0, failed: 0, skipped: 0, files: perFile.size, brokenFiles: [], emptyFiles: [] };
  for (const [file, f] of perFile) {
    const ran = f.passed + f.failed + f.skipped;
    if (ran === 0) {
      f.failed++;
      (f.verdict === 'fail' ? acc.brokenFiles : acc.emptyFiles).push(file);
    } else if (f.verdict === 'fail' && f.failed === 0) {
      f.failed++;
      acc.brokenFiles.push(file);
    }
    acc.passed += f.passed;
    acc.failed += f.failed;
    acc.skipped += f.skipped;
  }
  if (process.env.ESS_NODE_COUNT_FILE) writeFileSync(process.env.ESS_NODE_COUNT_FILE, JSON.stringify(acc, null, 2));
  yield '';
}
