#!/usr/bin/env node
// Validation time of the sample feed in headless Chromium: the feed document and its
// 5,869 locations (5,600 of them textile points), validated by the same bundle the widgets use.
// Prints the median and spread of 15 runs after 3 warm-up runs. Not part of the test run.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome, INSTALL_HINT } from './find-chrome.mjs';

const executablePath = findChrome();
if (!executablePath) {
  console.error(INSTALL_HINT);
  process.exit(1);
}
const bundle = await build({ entryPoints: ['packages/core/src/feed/validate.ts'], bundle: true, format: 'esm', minify: true, write: false, conditions: ['ess-source'] });
const files = {
  '/validate.js': [bundle.outputFiles[0].text, 'text/javascript'],
  '/feed.json': [readFileSync('demo/feeds/wallonie-bruxelles/feed.json', 'utf8'), 'application/json'],
  '/locations.geojson': [readFileSync('demo/feeds/wallonie-bruxelles/locations.geojson', 'utf8'), 'application/json'],
  '/': ['<!doctype html><title>bench</title>', 'text/html'],
};
const server = createServer((req, res) => {
  const f = files[req.url];
  if (!f) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': f[1] }).end(f[0]);
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROME_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  const result = await page.evaluate(async () => {
    const { validateFeed, validateCollection, feedIds } = await import('/validate.js');
    const feedRaw = await (await fetch('/feed.json')).json();
    const locText = await (await fetch('/locations.geojson')).text();
    const times = [];
    const parseTimes = [];
    let count = 0;
    for (let i = 0; i < 18; i++) {
      const t0 = performance.now();
      const raw = JSON.parse(locText);
      const t1 = performance.now();
      const feed = validateFeed(feedRaw, { baseUrl: location.href + 'feed.json' });
      const locs = validateCollection('locations', raw, { baseUrl: location.href, ids: feedIds(feed.value) });
      const t2 = performance.now();
      count = locs.value.length;
      if (i >= 3) {
        times.push(t2 - t1);
        parseTimes.push(t1 - t0);
      }
    }
    const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    return { count, median: med(times), min: Math.min(...times), max: Math.max(...times), parse: med(parseTimes) };
  });
  console.log('what                                        median     min      max');
  console.log(`validate feed + ${result.count} locations        ${result.median.toFixed(1).padStart(6)} ms ${result.min.toFixed(1).padStart(6)} ms ${result.max.toFixed(1).padStart(6)} ms`);
  console.log(`JSON.parse of locations.geojson (3.5 MB)    ${result.parse.toFixed(1).padStart(6)} ms`);
} finally {
  await browser.close();
  server.close();
}
