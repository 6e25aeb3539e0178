#!/usr/bin/env node
// ess-feed on large inputs: `build` on a generated 100,000-row CSV and `check` on the
// 100,000-point feed, each in its own process, timed, with its peak memory (max RSS).
// Targets on this machine: each ≤ 5 s and ≤ 500 MB. Not part of the test run.
import { existsSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

if (!existsSync('packages/feed-cli/dist/cli.js')) spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (!existsSync('demo/feeds/large/locations.geojson')) spawnSync(process.execPath, ['scripts/generate-sample.mjs', '--large', '100000'], { stdio: 'inherit' });

// A 100,000-row semicolon CSV with decimal commas, like a spreadsheet export.
const dir = mkdtempSync(join(tmpdir(), 'ess-bench-'));
const features = JSON.parse(readFileSync('demo/feeds/large/locations.geojson', 'utf8')).features;
const q = (s) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const lines = ['id;nom;naam;type;matieres;rue;cp;commune;region;latitude;longitude;horaires;telephone;site;organisation'];
for (const f of features) {
  const p = f.properties;
  const name = typeof p.name === 'string' ? p.name : p.name.fr;
  const cat = p.categories[0] === 'shop' || p.categories[0] === 'repair' ? p.categories[0] : 'collection-point';
  lines.push([f.id, name, name, cat, (p.materials ?? []).filter((m) => ['textile', 'furniture', 'appliances'].includes(m)).join('|'), p.address?.street ?? '', p.address?.postcode ?? '', p.address?.locality ?? '', p.address?.region ?? '',
    String(f.geometry.coordinates[1]).replace('.', ','), String(f.geometry.coordinates[0]).replace('.', ','), p.openingHours ?? '', p.phone ?? '', p.website ?? '', ''].map((c) => q(String(c))).join(';'));
}
const csv = join(dir, 'points.csv');
writeFileSync(csv, `\uFEFF${lines.join('\r\n')}\r\n`);

function measure(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, 'packages/feed-cli/bin/ess-feed.js', ...args], { encoding: 'utf8' });
  const [secs, kb] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { secs, mb: kb / 1024, status: r.status, last: r.stdout.trim().split('\n').at(-1) };
}
const hasTime = spawnSync('/usr/bin/time', ['-f', '%e', 'true']).status === 0;
if (!hasTime) {
  console.error('This benchmark needs /usr/bin/time (Debian: apt-get install -y time).');
  process.exit(1);
}
const rows = [
  ['build, 100,000-row CSV', measure(['build', '--config', 'packages/feed-cli/examples/ess-feed.config.json', '--out', dir, csv])],
  ['check, 100,000-point feed', measure(['check', 'demo/feeds/large/feed.json'])],
];
console.log('command                       time      peak memory  target');
for (const [name, m] of rows) console.log(`${name.padEnd(30)}${`${m.secs.toFixed(2)} s`.padEnd(10)}${`${m.mb.toFixed(0)} MB`.padEnd(13)}≤ 5 s, ≤ 500 MB   (exit ${m.status}: ${m.last.slice(0, 80)})`);
