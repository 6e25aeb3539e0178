#!/usr/bin/env node
// Runs every benchmark (scripts/bench-*.mjs) in turn, or the ones named: `npm run bench -- validate nearby`.
// Benchmarks measure and print; they never fail the test run.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const wanted = process.argv.slice(2);
const benches = readdirSync('scripts').filter((f) => /^bench-.+\.mjs$/.test(f)).filter((f) => !wanted.length || wanted.some((w) => f.includes(w)));
let failed = 0;
for (const f of benches) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(process.execPath, [`scripts/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
