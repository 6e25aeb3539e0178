#!/usr/bin/env node
// Nearest-point search in headless Chromium: index build for the 5,600 textile points of the
// sample and for 100,000 points, and the median time of a nearest-10 query at 100,000 points
// (10 batches of 1,000 random queries). The same NearestIndex the element uses. Not part of the test run.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome, INSTALL_HINT } from './find-chrome.mjs';

const executablePath = findChrome();
if (!executablePath) {
  console.error(INSTALL_HINT);
  process.exit(1);
}
if (!existsSync('demo/feeds/large/locations.geojson')) spawnSync(process.execPath, ['scripts/generate-sample.mjs', '--large', '100000'], { stdio: 'inherit' });
const bundle = await build({ stdin: { contents: "export { NearestIndex } from './packages/widgets/src/shared/nearest.ts';", resolveDir: '.', loader: 'ts' }, bundle: true, format: 'esm', minify: true, write: false, conditions: ['ess-source'], external: ['lit', 'lit/*', '@lit/task'] });
const points = (file) => JSON.stringify(JSON.parse(readFileSync(file, 'utf8')).features.map((f) => ({ lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], cat: f.properties.categories[0] })));
const files = {
  '/nearest.js': [bundle.outputFiles[0].text, 'text/javascript'],
  '/sample.json': [points('demo/feeds/wallonie-bruxelles/locations.geojson'), 'application/json'],
  '/large.json': [points('demo/feeds/large/locations.geojson'), 'application/json'],
  '/': ['<!doctype html><title>bench</title>', 'text/html'],
};
const server = createServer((req, res) => (files[req.url] ? res.writeHead(200, { 'content-type': files[req.url][1] }).end(files[req.url][0]) : res.writeHead(404).end())).listen(0, '127.0.0.1');
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
    // The browser's clock is coarse (0.1 ms): time batches of 1,000 random queries, per query.
    const q = [];
    for (let b = 0; b < 11; b++) {
      const pts = Array.from({ length: 1000 }, () => [49.5 + Math.random() * 1.5, 2.5 + Math.random() * 3.8]);
      const t0 = performance.now();
      for (const [lat, lon] of pts) l.idx.nearest(lat, lon, 10);
      if (b > 0) q.push((performance.now() - t0) / 1000);
    }
    return { sampleN: sample.length, sampleBuild: s.ms, largeN: large.length, largeBuild: l.ms, query: med(q), q95: Math.max(...q) };
  });
  const row = (a, b, c) => console.log(`${a.padEnd(44)}${b.padStart(12)}${c.padStart(10)}`);
  row('measure', 'median', 'target');
  row(`index build, sample (${r.sampleN} points)`, `${r.sampleBuild.toFixed(2)} ms`, '≤ 20 ms');
  row(`index build, large (${r.largeN} points)`, `${r.largeBuild.toFixed(1)} ms`, '—');
  row('nearest-10 query at 100,000 points', `${(r.query * 1000).toFixed(0)} µs`, '≤ 1 ms');
  row('  (slowest batch of 1,000, per query)', `${(r.q95 * 1000).toFixed(0)} µs`, '');
} finally {
  await browser.close();
  server.close();
}
