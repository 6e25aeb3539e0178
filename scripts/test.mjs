#!/usr/bin/env node
// Runs every test of the project and ends with one line: "N passed, N failed".
//   1. pure logic under Node's test runner (*.node.test.ts, the CLI's tests, scripts' tests)
//   2. the size budget (built bundle, gzip sizes)
//   3. the elements in headless Chromium with @web/test-runner
// A run in which no test executed is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const only = args.has('--node-only') ? 'node' : args.has('--browser-only') ? 'browser' : 'all';
const extra = process.argv.slice(2).filter((a) => !a.startsWith('--'));
mkdirSync('.cache', { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
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
  if (code !== 0) add('build', { passed: 0, failed: 1 });
  // The build type-checks the packages; this also checks the tests and scripts.
  const tsc = run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
  add('typecheck', tsc === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
}

if (only !== 'browser') {
  const nodeTests = [
    ...files('packages', (p) => p.endsWith('.node.test.ts') || (p.includes('feed-cli') && p.endsWith('.test.ts'))),
    ...files('scripts', (p) => p.endsWith('.test.mjs')),
  ].filter((p) => !extra.length || extra.some((e) => p.includes(e)));
  if (nodeTests.length) {
    const tap = `.cache/node-${process.pid}.tap`;
    rmSync(tap, { force: true });
    const code = run(process.execPath, [
      '--conditions=ess-source', '--import', 'tsx', '--test',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`,
      ...nodeTests,
    ]);
    const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
    const num = (k) => Number(text.match(new RegExp(`^# ${k} (\\d+)`, 'm'))?.[1] ?? 0);
    const r = { passed: num('pass'), failed: num('fail') + num('cancelled'), skipped: num('skipped') + num('todo') };
    if (code !== 0 && r.failed === 0) r.failed = 1;
    add('node', r);
  }

  if (only === 'all' && !extra.length) {
    const sizeFile = `.cache/size-${process.pid}.json`;
    const code = run(process.execPath, ['scripts/size-budget.mjs', '--json', sizeFile]);
    const r = existsSync(sizeFile) ? JSON.parse(readFileSync(sizeFile, 'utf8')) : { passed: 0, failed: 1 };
    if (code !== 0 && r.failed === 0) r.failed = 1;
    add('size budget', r);
  }
}

if (only !== 'node') {
  const countFile = `.cache/wtr-count-${process.pid}.json`;
  rmSync(countFile, { force: true });
  const wtrArgs = ['node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs'];
  if (extra.length) wtrArgs.push('--files', ...extra.map((e) => (e.includes('*') || e.endsWith('.ts') ? e : `packages/*/src/**/*${e}*.test.ts`)));
  const code = run(process.execPath, wtrArgs, { ESS_WTR_COUNT_FILE: countFile });
  const r = existsSync(countFile) ? JSON.parse(readFileSync(countFile, 'utf8')) : { passed: 0, failed: 1 };
  if (r.brokenFiles?.length) console.log(`Test files that failed to run: ${r.brokenFiles.join(', ')}`);
  if (code !== 0 && r.failed === 0) r.failed = 1;
  add('browser', r);
}

const ran = totals.passed + totals.failed;
if (ran === 0) {
  console.log('No test ran: that is a failure.');
  totals.failed = 1;
}
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
