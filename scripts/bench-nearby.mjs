#!/usr/bin/env node
// Nearest-point search in headless Chromium: index build for the 5,600 textile points of the
// sample and for 100,000 points, and the median time of a nearest-10 query at 100,000 points
// (10,000 random queries, each timed; the page is cross-origin isolated so that the browser's clock
// ticks every 5 µs instead of 100 µs), with the mean over batches of 1,000 as a check.
// The same NearestIndex the element uses. Not part of the test run.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome, INSTALL_HINT } from './find-chrome.mjs';

const executablePath = findChrome();
if (!executablePath) {
  console.error(INSTALL_HINT);
  process.exit(1);
}
// The same 100,000-point feed as the finder's benchmark (demo/feeds/large/100000/, gitignored).
const LARGE = 'demo/feeds/large/100000/locations.geojson';
if (!existsSync(LARGE)) {
  spawnSync(process.execPath, ['scripts/generate-sample.mjs', '--large', '100000'], { stdio: 'inherit' });
  mkdirSync('demo/feeds/large/100000', { recursive: true });
  for (const f of readdirSync('demo/feeds/large')) if (statSync(join('demo/feeds/large', f)).isFile()) renameSync(join('demo/feeds/large', f), join('demo/feeds/large/100000', f));
}
const bundle = await build({ stdin: { contents: "export { NearestIndex } from './packages/widgets/src/shared/nearest.ts';", resolveDir: '.', loader: 'ts' }, bundle: true, format: 'esm', minify: true, write: false, conditions: ['ess-source'], external: ['lit', 'lit/*', '@lit/task'] });
const points = (file) => JSON.stringify(JSON.parse(readFileSync(file, 'utf8')).features.map((f) => ({ lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], cat: f.properties.categories[0] })));
const files = {
  '/nearest.js': [bundle.outputFiles[0].text, 'text/javascript'],
  '/sample.json': [points('demo/feeds/wallonie-bruxelles/locations.geojson'), 'application/json'],
  '/large.json': [points(LARGE), 'application/json'],
  '/': ['<!doctype html><title>bench</title>', 'text/html'],
};
// COOP + COEP make the page cross-origin isolated: performance.now() then has 5 µs resolution.
const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
const server = createServer((req, res) => (files[req.url] ? res.writeHead(200, { 'content-type': files[req.url][1], ...isolated }).end(files[req.url][0]) : res.writeHead(404).end())).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROME_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const r = await page.evaluate(async () => {
    const { NearestIndex } = await import('/nearest.js');
    const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    const timeBuild = (pts, runs) => {
      const t = [];
      let idx;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        idx = new NearestIndex(pts);
        t.push(performance.now() - t0);
      }
      return { ms: med(t.slice(2)), idx };
    };
    const sample = (await (await fetch('/sample.json')).json()).filter((p) => p.cat === 'collection-point');
    const large = await (await fetch('/large.json')).json();
    const s = timeBuild(sample, 12);
    const l = timeBuild(large, 7);
    // Random points over the large set's extent (Wallonia, Brussels, Hauts-de-France).
    const randomPoints = (n) => Array.from({ length: n }, () => [49.5 + Math.random() * 1.5, 2.5 + Math.random() * 3.8]);
    for (const [lat, lon] of randomPoints(1000)) l.idx.nearest(lat, lon, 10); // warm-up (JIT)
    const each = [];
    let found = 0;
    for (const [lat, lon] of randomPoints(10_000)) {
      const t0 = performance.now();
      found += l.idx.nearest(lat, lon, 10).length;
      each.push(performance.now() - t0);
    }
    const sorted = [...each].sort((x, y) => x - y);
    const batches = [];
    for (let b = 0; b < 10; b++) {
      const pts = randomPoints(1000);
      const t0 = performance.now();
      for (const [lat, lon] of pts) l.idx.nearest(lat, lon, 10);
      batches.push((performance.now() - t0) / 1000);
    }
    return {
      isolated: crossOriginIsolated, sampleN: sample.length, sampleBuild: s.ms, largeN: large.length, largeBuild: l.ms,
      query: med(each), q95: sorted[Math.floor(sorted.length * 0.95)], qmax: sorted.at(-1), batch: med(batches), found,
    };
  });
  const row = (a, b, c) => console.log(`${a.padEnd(50)}${b.padStart(18)}${c.padStart(10)}`);
  row('measure', 'median', 'target');
  row(`index build, sample (${r.sampleN} points)`, `${r.sampleBuild.toFixed(2)} ms`, '≤ 20 ms');
  row(`index build, large (${r.largeN} points)`, `${r.largeBuild.toFixed(1)} ms`, '—');
  const us = (ms) => `${(ms * 1000).toFixed(0)} µs`;
  row('nearest-10 query at 100,000 points (10,000)', us(r.query), '≤ 1 ms');
  row('  95th percentile / slowest query', `${us(r.q95)} / ${us(r.qmax)}`, '');
  row('  mean per query, median of 10 batches of 1,000', us(r.batch), '');
  if (r.found !== 100_000) console.log(`warning: ${r.found} results for 10,000 nearest-10 queries (expected 100,000)`);
  console.log(r.isolated ? 'clock: cross-origin isolated (5 µs resolution)' : 'clock: NOT isolated (100 µs resolution): per-query figures are coarse');
} finally {
  await browser.close();
  server.close();
}
