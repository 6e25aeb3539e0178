#!/usr/bin/env node
// <ess-shop-finder> against plain Leaflet + Leaflet.markercluster, in headless Chromium, on the
// sample feed (5,869 points) and a generated 100,000-point feed. For each page and feed, the median
// of RUNS runs of:
//   - interactive: from the locations file received (its responseEnd) to the first map markers drawn
//   - list ready: from the same instant to the first results listed, every record checked (finder only)
//   - hours lib fetched: when the opening-hours chunk (~112 KB gzip, lazy) starts downloading, same origin
//     of time (finder only; it is never part of the first load)
//   - longest main-thread task from navigation to interactive (PerformanceObserver 'longtask'; only
//     tasks over 50 ms are reported, so 0 means none), and from navigation to the list ready
//   - filter change: a category set or cleared until the list is redrawn (three categories, six changes,
//     starting 1.5 s after the list is ready, as a reader would; finder only): median and worst
//   - layout shift: the cumulative layout-shift score of the page while it loads (text after the element;
//     the page reserves the element's height before its script runs, as the README suggests)
//   - JS heap of the page's main thread after load (the finder's worker heap is not included)
// Uses the built bundle (run `npm run build` first); tiles are a data: image, nothing leaves the machine.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { spawnSync } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome, INSTALL_HINT } from './find-chrome.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const executablePath = findChrome();
if (!executablePath) {
  console.error(INSTALL_HINT);
  process.exit(1);
}
if (!existsSync('packages/widgets/dist/cdn/ess-widgets.js')) spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (!existsSync('demo/feeds/large/locations.geojson')) spawnSync(process.execPath, ['scripts/generate-sample.mjs', '--large', '100000'], { stdio: 'inherit' });

const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const finderPage = (feed) => `<!doctype html><meta charset="utf-8"><script type="module" src="/cdn/ess-widgets.js"></script>
<style>ess-shop-finder:not(:defined) { display: block; min-height: 600px; }</style>
<ess-shop-finder feed="/feeds/${feed}/feed.json" tile-url="${TILE}" style="--ess-finder-height: 600px" lang="en"></ess-shop-finder>
<p>Text after the finder: it moves if the finder's height changes while it loads (layout shift).</p>`;
const baselinePage = (feed) => `<!doctype html><meta charset="utf-8">
<link rel="stylesheet" href="/nm/leaflet/dist/leaflet.css"><link rel="stylesheet" href="/nm/leaflet.markercluster/dist/MarkerCluster.Default.css">
<div id="map" style="height:600px"></div>
<p>Text after the map.</p>
<script src="/nm/leaflet/dist/leaflet.js"></script><script src="/nm/leaflet.markercluster/dist/leaflet.markercluster.js"></script>
<script>
  const map = L.map('map').setView([50.5, 4.6], 8);
  L.tileLayer('${TILE}').addTo(map);
  fetch('/feeds/${feed}/locations.geojson').then((r) => r.json()).then((fc) => {
    const group = L.markerClusterGroup();
    group.addLayers(fc.features.map((f) => L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]])));
    map.addLayer(group);
    requestAnimationFrame(() => { window.__interactive = performance.now(); });
  });
</script>`;

const types = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/geo+json', '.png': 'image/png' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const page = /^\/(finder|baseline)-(\w[\w-]*)\.html$/.exec(url.pathname);
  if (page) return res.writeHead(200, { 'content-type': 'text/html' }).end(page[1] === 'finder' ? finderPage(page[2]) : baselinePage(page[2]));
  const map = [['/cdn/', 'packages/widgets/dist/cdn/'], ['/feeds/', 'demo/feeds/'], ['/nm/', 'node_modules/']].find(([p]) => url.pathname.startsWith(p));
  if (!map) return res.writeHead(404).end();
  const file = normalize(join(map[1], url.pathname.slice(map[0].length)));
  if (!file.startsWith(normalize(map[1])) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await puppeteer.launch({ executablePath, headless: true, args: [...CHROME_ARGS, '--enable-precise-memory-info'] });

async function run(kind, feed) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.evaluateOnNewDocument(() => {
    window.__tasks = [];
    window.__shifts = [];
    new PerformanceObserver((l) => window.__tasks.push(...l.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((l) => window.__shifts.push(...l.getEntries().filter((e) => !e.hadRecentInput).map((e) => ({ start: e.startTime, value: e.value })))).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${base}/${kind}-${feed}.html`);
  if (kind === 'finder') {
    await page.waitForFunction(() => document.querySelector('ess-shop-finder')?.shadowRoot?.querySelector('.ess-pin'), { timeout: 120_000, polling: 'raf' });
    await page.evaluate(() => (window.__interactive = performance.now()));
  } else {
    await page.waitForFunction(() => window.__interactive, { timeout: 300_000 });
  }
  const r = await page.evaluate(() => {
    const loc = performance.getEntriesByType('resource').find((e) => e.name.includes('locations.geojson'));
    const until = window.__interactive;
    return {
      interactive: until - loc.responseEnd,
      longest: Math.max(0, ...window.__tasks.filter((t) => t.start < until).map((t) => t.duration)),
      heap: performance.memory?.usedJSHeapSize ?? 0,
    };
  });
  if (kind !== 'finder') {
    await new Promise((res) => setTimeout(res, 500));
    r.shift = await page.evaluate(() => window.__shifts.reduce((n, e) => n + e.value, 0));
  } else {
    await page.waitForFunction(() => document.querySelector('ess-shop-finder')?.shadowRoot?.querySelector('.list .item'), { timeout: 120_000, polling: 'raf' });
    Object.assign(r, await page.evaluate(() => ({
      list: performance.now() - performance.getEntriesByType('resource').find((e) => e.name.includes('locations.geojson')).responseEnd,
      // The whole load, map and list: every task until the list is there.
      longestAll: Math.max(0, ...window.__tasks.map((t) => t.duration)),
      shift: window.__shifts.reduce((n, e) => n + e.value, 0),
    })));
    // A person reads the first results before choosing a filter; the finder uses that time to prepare.
    await new Promise((res) => setTimeout(res, 1500));
    r.filter = await page.evaluate(async () => {
      const el = document.querySelector('ess-shop-finder');
      const times = [];
      // Three different category filters, each set then cleared: six changes, none repeated.
      for (let i = 0; i < 6; i++) {
        const box = [...el.shadowRoot.querySelectorAll('.facet:first-of-type input')][Math.floor(i / 2) + 1];
        const t0 = performance.now();
        const done = new Promise((res) => el.addEventListener('ess-search', res, { once: true }));
        box.click();
        await done;
        await el.updateComplete;
        await new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return { median: times[Math.floor(times.length / 2)], worst: times[times.length - 1] };
    });
    // The opening-hours library (a lazy chunk) is fetched once hours are shown: when, after the list?
    r.hours = await page.evaluate(() => {
      const oh = performance.getEntriesByType('resource').find((e) => e.name.includes('opening_hours'));
      return oh ? oh.startTime - performance.getEntriesByType('resource').find((e) => e.name.includes('locations.geojson')).responseEnd : undefined;
    });
    r.mode = await page.evaluate(() => document.querySelector('ess-shop-finder').loadedData.backend.mode);
  }
  await page.close();
  return r;
}

const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const rows = [];
try {
  for (const feed of ['wallonie-bruxelles', 'large']) {
    for (const kind of ['finder', 'baseline']) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await run(kind, feed));
      rows.push({
        page: kind === 'finder' ? `ess-shop-finder (${runs[0].mode})` : 'Leaflet + markercluster',
        feed: feed === 'large' ? '100,000 points' : 'sample, 5,869 points',
        interactive: med(runs.map((r) => r.interactive)),
        longest: med(runs.map((r) => r.longest)),
        longestAll: runs[0].longestAll === undefined ? undefined : med(runs.map((r) => r.longestAll)),
        shift: med(runs.map((r) => r.shift)),
        filter: runs[0].filter === undefined ? undefined : med(runs.map((r) => r.filter.median)),
        filterWorst: runs[0].filter === undefined ? undefined : med(runs.map((r) => r.filter.worst)),
        list: runs[0].list === undefined ? undefined : med(runs.map((r) => r.list)),
        hours: runs[0].hours === undefined ? undefined : med(runs.map((r) => r.hours)),
        heap: med(runs.map((r) => r.heap)),
      });
    }
  }
} finally {
  await browser.close();
  server.close();
}
const fmt = (v, unit, d = 0) => (v === undefined ? '—' : `${v.toFixed(d)} ${unit}`);
const head = ['page', 'feed', 'interactive', 'list ready', 'hours lib fetched', 'longest task', 'longest (to list)', 'filter change', 'filter worst', 'layout shift', 'JS heap'];
const table = rows.map((r) => [r.page, r.feed, fmt(r.interactive, 'ms'), fmt(r.list, 'ms'), fmt(r.hours, 'ms'), fmt(r.longest, 'ms'), fmt(r.longestAll, 'ms'), fmt(r.filter, 'ms', 1), fmt(r.filterWorst, 'ms', 1), r.shift.toFixed(3), fmt(r.heap / 1048576, 'MB', 1)]);
const w = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
console.log(head.map((h, i) => h.padEnd(w[i])).join('  '));
console.log(w.map((n) => '-'.repeat(n)).join('  '));
for (const t of table) console.log(t.map((c, i) => c.padEnd(w[i])).join('  '));
const large = rows.filter((r) => r.feed.startsWith('100'));
if (large.length === 2) console.log(`\nAt 100,000 points the finder is ${(large[1].interactive / large[0].interactive).toFixed(1)}× faster to interactive than the markercluster baseline (median of ${RUNS} runs).`);
