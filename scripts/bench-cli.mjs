#!/usr/bin/env node
// ess-feed on large inputs: `build` on a generated 100,000-row CSV and `check` on the
// 100,000-point feed, each in its own process (the built command, as publishers run it),
// with wall time and peak memory (the process's maximum resident set size).
// Targets on this machine: each ≤ 5 s and ≤ 500 MB. Not part of the test run.
//   node scripts/bench-cli.mjs            (RUNS=5 for more runs; the median is shown)
import { existsSync, mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const RUNS = Number(process.env.RUNS ?? 3);
const BIN = 'packages/feed-cli/bin/ess-feed.js';
const LARGE = 'demo/feeds/large';

if (!existsSync('packages/feed-cli/dist/cli.js')) {
  console.log('Compiling the command (tsc -b packages/feed-cli)…');
  spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'packages/feed-cli'], { stdio: 'inherit' });
}
if (!existsSync(`${LARGE}/locations.geojson`)) {
  console.log('Generating the 100,000-point feed (scripts/generate-sample.mjs --large 100000)…');
  spawnSync(process.execPath, ['scripts/generate-sample.mjs', '--large', '100000'], { stdio: 'inherit' });
}

// A 100,000-row export as Excel writes it in Belgium: BOM, semicolons, CRLF, decimal commas,
// quoted cells with doubled quotes and line breaks; made from the large feed's points.
const dir = mkdtempSync(join(tmpdir(), 'ess-bench-'));
const features = JSON.parse(readFileSync(`${LARGE}/locations.geojson`, 'utf8')).features;
const q = (s) => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const lines = ['id;nom;naam;type;matieres;rue;cp;commune;region;latitude;longitude;horaires;telephone;site;organisation'];
features.forEach((f, i) => {
  const p = f.properties;
  const name = typeof p.name === 'string' ? p.name : p.name.fr ?? Object.values(p.name)[0];
  const cat = p.categories.find((c) => ['shop', 'repair', 'collection-point'].includes(c)) ?? 'collection-point';
  const street = (p.address?.street ?? '') + (i % 10 === 0 ? '\r\n(entrée "arrière")' : '');
  const cells = [f.id, name, name, cat, (p.materials ?? []).filter((m) => ['textile', 'furniture', 'appliances'].includes(m)).join('|'), street,
    p.address?.postcode ?? '', p.address?.locality ?? '', p.address?.region ?? '',
    String(f.geometry.coordinates[1]).replace('.', ','), String(f.geometry.coordinates[0]).replace('.', ','), p.openingHours ?? '', p.phone ?? '', p.website ?? '', ''];
  lines.push(cells.map((c) => q(String(c))).join(';'));
});
const csv = join(dir, 'points.csv');
writeFileSync(csv, `\uFEFF${lines.join('\r\n')}\r\n`);
const csvMB = readFileSync(csv).length / 1e6;

// Peak memory from inside the measured process: no /usr/bin/time needed.
const probe = join(dir, 'rss.mjs');
writeFileSync(probe, "process.on('exit', () => process.stderr.write(`\\n@maxrss ${process.resourceUsage().maxRSS}\\n`));\n");

function once(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(probe).href, BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const secs = (performance.now() - t0) / 1000;
  const kb = Number(/@maxrss (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { secs, mb: (kb * 1024) / 1e6, status: r.status, last: r.stdout.trim().split('\n').at(-1) ?? '' };
}
function measure(args) {
  const runs = Array.from({ length: RUNS }, () => once(args));
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { secs: median(runs.map((r) => r.secs)), mb: median(runs.map((r) => r.mb)), maxMb: Math.max(...runs.map((r) => r.mb)), status: runs[0].status, last: runs[0].last };
}

const out = join(dir, 'out');
const rows = [
  [`build, 100,000-row CSV (${csvMB.toFixed(0)} MB)`, measure(['build', '--config', 'packages/feed-cli/examples/ess-feed.config.json', '--out', out, csv])],
  [`check, 100,000-point feed`, measure(['check', `${LARGE}/feed.json`])],
];
console.log(`\ness-feed, ${RUNS} run(s) each, median (Node ${process.version}); targets ≤ 5 s and ≤ 500 MB\n`);
console.log('| command | time | peak memory (max of runs) | within target | exit | last line |');
console.log('|---|---|---|---|---|---|');
let ok = true;
for (const [name, m] of rows) {
  const within = m.secs <= 5 && m.maxMb <= 500 && m.status === 0;
  ok &&= within;
  console.log(`| ${name} | ${m.secs.toFixed(2)} s | ${m.mb.toFixed(0)} MB (${m.maxMb.toFixed(0)}) | ${within ? 'yes' : 'NO'} | ${m.status} | ${m.last.replace(resolve(dir), '$TMP').slice(0, 90)} |`);
}
rmSync(dir, { recursive: true, force: true });
process.exitCode = ok ? 0 : 1;
