#!/usr/bin/env node
// Runs every test of the project and ends with one line: "N passed, N failed" — tests only.
//   checks: the build, the typecheck and the size budget (built bundle, gzip sizes), reported on
//           their own "checks: …" line before the closing line; a failing check fails the run.
//   tests:  1. pure logic under Node's test runner (*.node.test.ts, the CLI's tests, scripts' tests)
//           2. the elements in headless Chromium with @web/test-runner
// A test file that runs no test counts as one failed test; a run in which no test executed fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const only = args.has('--node-only') ? 'node' : args.has('--browser-only') ? 'browser' : 'all';
const extra = process.argv.slice(2).filter((a) => !a.startsWith('--'));
mkdirSync('.cache', { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const checks = [];
let checksFailed = false;
const check = (name, ok, detail = ok ? 'ok' : 'FAILED') => {
  checks.push(`${name} ${detail}`);
  if (!ok) checksFailed = true;
};
const add = (part, r) => {
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped ?? 0;
  console.log(`\n[${part}] ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}\n`);
};

function files(dir, test) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(p).isDirectory() ? files(p, test) : test(p) ? [p] : [];
  });
}

function run(cmd, argv, env = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

if (only === 'all' && !extra.length) {
  // The size budget and the demo measure the built bundle: build it first.
  const code = run(process.execPath, ['scripts/build.mjs']);
  check('build', code === 0);
  // The build type-checks the packages; this also checks the tests and scripts.
  const tsc = run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
  check('typecheck', tsc === 0);
}

if (only !== 'browser') {
  const nodeTests = [
    ...files('packages', (p) => p.endsWith('.node.test.ts') || (p.includes('feed-cli') && p.endsWith('.test.ts'))),
    ...files('scripts', (p) => p.endsWith('.test.mjs')),
  ].filter((p) => !extra.length || extra.some((e) => p.includes(e)));
  if (nodeTests.length) {
    const countFile = `.cache/node-count-${process.pid}.json`;
    rmSync(countFile, { force: true });
    const code = run(process.execPath, [
      '--conditions=ess-source', '--import', 'tsx', '--test',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/node-count-reporter.mjs', '--test-reporter-destination=stdout',
      ...nodeTests,
    ], { ESS_NODE_COUNT_FILE: countFile });
    const r = existsSync(countFile) ? JSON.parse(readFileSync(countFile, 'utf8')) : { passed: 0, failed: 1 };
    if (r.brokenFiles?.length) console.log(`Test files that failed to run: ${r.brokenFiles.join(', ')}`);
    if (r.emptyFiles?.length) console.log(`Test files that ran no test: ${r.emptyFiles.join(', ')}`);
    if (code !== 0 && r.failed === 0) r.failed = 1;
    add('node', r);
  }

  if (only === 'all' && !extra.length) {
    const sizeFile = `.cache/size-${process.pid}.json`;
    const code = run(process.execPath, ['scripts/size-budget.mjs', '--json', sizeFile]);
    const r = existsSync(sizeFile) ? JSON.parse(readFileSync(sizeFile, 'utf8')) : { passed: 0, failed: 1 };
    const total = r.passed + r.failed;
    check('size budget', code === 0 && r.failed === 0 && total > 0, `${r.passed}/${total} ${code === 0 && r.failed === 0 && total > 0 ? 'ok' : 'FAILED'}`);
  }
}

if (only !== 'node') {
  const countFile = `.cache/wtr-count-${process.pid}.json`;
  rmSync(countFile, { force: true });
  const wtrArgs = ['node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs'];
  if (extra.length) {
    wtrArgs.push('--files', ...extra.map((e) => (e.includes('*') || e.endsWith('.ts') ? e : `packages/*/src/**/*${e}*.test.ts`)));
    wtrArgs.push('!packages/feed-cli/**', '!packages/*/src/**/*.node.test.ts');
  }
  const code = run(process.execPath, wtrArgs, { ESS_WTR_COUNT_FILE: countFile });
  const r = existsSync(countFile) ? JSON.parse(readFileSync(countFile, 'utf8')) : { passed: 0, failed: 1 };
  if (r.brokenFiles?.length) console.log(`Test files that failed to run: ${r.brokenFiles.join(', ')}`);
  if (r.emptyFiles?.length) console.log(`Test files that ran no test: ${r.emptyFiles.join(', ')}`);
  if (code !== 0 && r.failed === 0) r.failed = 1;
  add('browser', r);
}

const ran = totals.passed + totals.failed;
if (ran === 0) {
  console.log('No test ran: that is a failure.');
  totals.failed = 1;
}
if (checks.length) console.log(`checks: ${checks.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 || checksFailed ? 1 : 0);
