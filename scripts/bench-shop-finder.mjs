#!/usr/bin/env node
// <ess-shop-finder> against plain Leaflet + Leaflet.markercluster (with and without `chunkedLoading`),
// in one headless Chromium run, on generated feeds of 10,000 to 1,000,000 points. Every time counts
// from navigation (performance.now() on the page), as a visitor waits:
//   - first clusters: the first map markers drawn (finder: its first pin; markercluster: the frame
//     after its clusters are on the map — with chunkedLoading, after its last chunk)
//   - list ready: the first results listed, every record checked (finder only)
//   - longest task: the longest main-thread task (PerformanceObserver 'longtask', tasks over 50 ms
//     only, so "0" means none) from navigation to 2 s after the list (markercluster: after the clusters)
//   - first search: "namur" submitted the moment the list shows, until the list shows its results
//   - warm: after that window, three category filters each set and cleared, and the same search
//     again, until the list is redrawn: median and worst of the seven
//   - heap: performance.measureUserAgentSpecificMemory() — main thread and workers — on a
//     cross-origin-isolated page (COOP + COEP headers), 2 s after the list, and per point
//   - hours lib: whether the opening-hours chunk was fetched, and by which thread
// Pages alternate within each run (finder, markercluster, markercluster chunked, then again), each in
// a fresh browser context (no cache, no stored copy). Median and min–max over RUNS runs (default 3).
//
//   node scripts/bench-shop-finder.mjs --points 100000            one size (default 100000)
//   node scripts/bench-shop-finder.mjs --points 10000,100000,300000
//   RUNS=5 node scripts/bench-shop-finder.mjs --pages finder      only some pages (finder, mc, mc-chunked)
//   node scripts/bench-shop-finder.mjs --before /tmp/before-cdn   also a build made before a change, same run
//   node scripts/bench-shop-finder.mjs --trace                    also lists what the main thread's long tasks did (first finder run)
//   node scripts/bench-shop-finder.mjs --mbit 200                 every page and its workers through a line of 200 Mbit/s, 20 ms
//   node scripts/bench-shop-finder.mjs --breakdown                also prints, for the first search and the first filter of each
//                                                                 finder run, each request to the finder's worker (sent, answered, ms)
//
// Feeds are generated once into demo/feeds/large/<points>/ (gitignored) by scripts/generate-sample.mjs.
// Uses the built bundle (`npm run build` first); tiles are a data: image, nothing leaves the machine.
// The machine's load (uptime) is printed with the table: on a shared machine the ratios against
// markercluster are the robust figures.
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome, INSTALL_HINT } from './find-chrome.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const RUNS = Number(process.env.RUNS ?? opt('runs', 3));
const SIZES = opt('points', '100000').split(',').map(Number);
// --before <dir>: also measure another build of the bundle (e.g. a copy of dist/cdn made before a change) as "finder-before".
const BEFORE = opt('before', undefined);
const PAGES = opt('pages', `finder,${BEFORE ? 'finder-before,' : ''}mc,mc-chunked`).split(',');
const WINDOW = 2000;
const TRACE = args.includes('--trace');
const BREAKDOWN = args.includes('--breakdown');
const MBIT = opt('mbit', undefined) === undefined ? undefined : Number(opt('mbit'));
if (MBIT !== undefined && !(MBIT > 0)) throw new Error(`--mbit takes a speed in Mbit/s, e.g. 200, not ${opt('mbit')}`);
for (const n of SIZES) if (!Number.isInteger(n) || n < 2000) throw new Error(`--points takes whole numbers ≥ 2000 (e.g. 10000,100000), not ${n}`);
for (const p of PAGES) if (!['finder', 'finder-before', 'mc', 'mc-chunked'].includes(p)) throw new Error(`--pages takes finder, finder-before (with --before), mc, mc-chunked, not ${p}`);
if (PAGES.includes('finder-before') && !BEFORE) throw new Error('finder-before needs --before <dir>');

const executablePath = findChrome();
if (!executablePath) {
  console.error(INSTALL_HINT);
  process.exit(1);
}
if (!existsSync('packages/widgets/dist/cdn/ess-widgets.js')) spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
const LARGE = 'demo/feeds/large';
for (const n of SIZES) {
  const dir = join(LARGE, String(n));
  if (existsSync(join(dir, 'locations.geojson'))) continue;
  // The generator writes into demo/feeds/large/ itself; its files then move into their size's folder.
  const r = spawnSync(process.execPath, ['scripts/generate-sample.mjs', '--large', String(n)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(LARGE)) if (statSync(join(LARGE, f)).isFile()) renameSync(join(LARGE, f), join(dir, f));
}

const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
// Recorded from the first byte of each page: long tasks, and the first frame showing pins and the list.
const PROBE = `<script>
  window.__tasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) __tasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
</script>`;
const finderPage = (n, cdn) => `<!doctype html><meta charset="utf-8">${PROBE}<script type="module" src="/${cdn}/ess-widgets.js"></script>
<style>ess-shop-finder:not(:defined) { display: block; min-height: 600px; }</style>
<ess-shop-finder feed="/feeds/large/${n}/feed.json" tile-url="${TILE}" style="--ess-finder-height: 600px" lang="en"></ess-shop-finder>
<script>
  // One check a frame: the first frame with a pin, the first with a listed result.
  (function look() {
    const root = document.querySelector('ess-shop-finder')?.shadowRoot;
    if (root && !window.__clusters && root.querySelector('.ess-pin')) window.__clusters = performance.now();
    if (root && !window.__list && root.querySelector('.list .item') && root.querySelector('.list-pane[aria-busy="false"]')) window.__list = performance.now();
    if (!window.__clusters || !window.__list) requestAnimationFrame(look);
  })();
</script>`;
const mcPage = (n, chunked) => `<!doctype html><meta charset="utf-8">${PROBE}
<link rel="stylesheet" href="/nm/leaflet/dist/leaflet.css"><link rel="stylesheet" href="/nm/leaflet.markercluster/dist/MarkerCluster.Default.css">
<div id="map" style="height:600px"></div>
<script src="/nm/leaflet/dist/leaflet.js"></script><script src="/nm/leaflet.markercluster/dist/leaflet.markercluster.js"></script>
<script>
  const map = L.map('map').setView([50.5, 4.0], 8);
  L.tileLayer('${TILE}').addTo(map);
  const shown = () => requestAnimationFrame(() => { window.__clusters = performance.now(); window.__count = document.querySelectorAll('.marker-cluster, .leaflet-marker-icon').length; });
  const group = L.markerClusterGroup(${chunked ? '{ chunkedLoading: true, chunkProgress: (done, total) => total > 0 && done === total && shown() }' : ''});
  map.addLayer(group);
  fetch('/feeds/large/${n}/locations.geojson').then((r) => r.json()).then((fc) => {
    group.addLayers(fc.features.map((f) => L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]])));
    ${chunked ? '' : 'shown();'}
  });
</script>`;

const types = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/geo+json', '.png': 'image/png' };
// COOP + COEP: the page is cross-origin isolated, so measureUserAgentSpecificMemory() (which counts workers) is available.
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp', 'cache-control': 'no-store' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const page = /^\/(finder|finder-before|mc|mc-chunked)-(\d+)\.html$/.exec(url.pathname);
  if (page) return res.writeHead(200, { 'content-type': 'text/html', ...ISOLATED }).end(page[1].startsWith('finder') ? finderPage(page[2], page[1] === 'finder' ? 'cdn' : 'cdn-before') : mcPage(page[2], page[1] === 'mc-chunked'));
  const map = [['/cdn/', 'packages/widgets/dist/cdn/'], ['/cdn-before/', `${BEFORE ?? 'packages/widgets/dist/cdn'}/`], ['/feeds/', 'demo/feeds/'], ['/nm/', 'node_modules/']].find(([p]) => url.pathname.startsWith(p));
  if (!map) return res.writeHead(404).end();
  const file = normalize(join(map[1], decodeURIComponent(url.pathname.slice(map[0].length))));
  if (!file.startsWith(normalize(map[1])) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', ...ISOLATED });
  createReadStream(file).pipe(res);
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${server.address().port}`;
// ForceEagerMeasureMemory: the memory measure runs at once instead of at the next idle GC (up to 20 s later).
const browser = await puppeteer.launch({ executablePath, headless: true, protocolTimeout: 600_000, args: [...CHROME_ARGS, '--enable-blink-features=ForceEagerMeasureMemory'] });

/** Submits a search and waits for the list to show its results; ms from the submit. */
async function search(page, q) {
  return page.evaluate(async (q) => {
    const el = document.querySelector('ess-shop-finder');
    const input = el.shadowRoot.querySelector('input[name="q"]');
    input.value = q;
    const t0 = performance.now();
    window.__mark = t0;
    const done = new Promise((res) => el.addEventListener('ess-search', res, { once: true }));
    input.form.requestSubmit();
    await done;
    window.__event = performance.now() - t0;
    await el.updateComplete;
    await new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
    return performance.now() - t0;
  }, q);
}

/** --breakdown: the worker's requests since the last search began, in ms from its submit. */
async function breakdown(page, label) {
  if (!BREAKDOWN) return;
  const { calls, event } = await page.evaluate(() => ({ calls: (window.__calls ?? []).filter((c) => c.sent >= window.__mark).map((c) => ({ ...c, sent: c.sent - window.__mark, answered: c.answered - window.__mark })), event: window.__event }));
  process.stderr.write(`  ${label}: ess-search at ${event.toFixed(0)} ms; ${calls.map((c) => `${c.type} ${c.sent.toFixed(0)}→${c.answered.toFixed(0)}`).join(', ')}\n`);
}

let traced = false;
/** Prints each main-thread task over 50 ms with what took its time (script by function and URL, parsing, GC, layout). */
function explain(trace) {
  const ev = trace.traceEvents;
  // The page's renderer: of the main threads of renderers, the busiest.
  // The page's renderer: the one running the finder's worker.
  const worker = ev.find((e) => e.name === 'thread_name' && e.args?.name === 'DedicatedWorker thread');
  const main = ev.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === worker.pid);
  const on = ev.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const nav = ev.filter((e) => e.name === 'ResourceSendRequest' && /\/finder-\d+\.html/.test(e.args?.data?.url ?? ''))[0] ?? on[0];
  for (const task of on.filter((e) => e.name === 'RunTask' && e.dur > 50_000)) {
    const inside = on.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e.dur > 3_000);
    const what = inside
      .sort((a, b) => b.dur - a.dur)
      .map((e) => `${e.name}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''}${e.args?.data?.url ? ` ${e.args.data.url.split('/').pop()}:${e.args.data.lineNumber ?? ''}` : ''}${e.args?.data?.type ? ` ${e.args.data.type}` : ''} ${(e.dur / 1000).toFixed(0)} ms`);
    process.stderr.write(`  long task at ${((task.ts - nav.ts) / 1000).toFixed(0)} ms: ${(task.dur / 1000).toFixed(0)} ms — ${[...new Set(what)].slice(0, 12).join('; ')}\n`);
  }
}

async function run(kind, n) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const fetched = [];
  // Every request the page made (its workers' too); the main thread's own ones are in its resource timing.
  page.on('request', (r) => /opening_hours/.test(r.url()) && fetched.push(r.url()));
  await page.setViewport({ width: 1280, height: 900 });
  if (MBIT) {
    // The page and each worker it starts (the download worker fetches the locations file) share the line's speed.
    const line = { offline: false, latency: 20, downloadThroughput: (MBIT * 1e6) / 8, uploadThroughput: (MBIT * 1e6) / 8 };
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', line);
    page.on('workercreated', (w) => void w.client.send('Network.enable').then(() => w.client.send('Network.emulateNetworkConditions', line)).catch(() => undefined));
  }
  // --breakdown: every request to a worker and its answer, with the page's clock (window.__calls).
  if (BREAKDOWN && kind.startsWith('finder'))
    await page.evaluateOnNewDocument(() => {
      window.__calls = [];
      const sent = new Map();
      const W = window.Worker;
      window.Worker = class extends W {
        constructor(...a) {
          super(...a);
          this.addEventListener('message', (e) => {
            const s = e.data && sent.get(e.data.id);
            if (s) window.__calls.push({ type: s.type, sent: s.t, answered: performance.now() });
          });
        }
        postMessage(m, t) {
          if (m && m.req) sent.set(m.id, { type: m.req.type, t: performance.now() });
          return super.postMessage(m, t);
        }
      };
    });
  const tracing = TRACE && kind === 'finder' && !traced;
  if (tracing) await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8'] });
  await page.goto(`${base}/${kind}-${n}.html`);
  const r = { kind };
  try {
    const finder = kind.startsWith('finder');
    if (finder) {
      await page.waitForFunction(() => window.__list, { timeout: 300_000, polling: 200 });
      // The visitor searches as soon as the list is there.
      if (BREAKDOWN) {
        const start = await page.evaluate(() => ({ calls: (window.__calls ?? []).filter((c) => c.type === 'load' || c.type === 'index').map((c) => `${c.type} ${c.sent.toFixed(0)}→${c.answered.toFixed(0)}`).join(', '), feed: performance.getEntriesByType('resource').filter((e) => /\.json|\.geojson/.test(e.name)).map((e) => `${e.name.split('/').pop()} ${e.startTime.toFixed(0)}→${e.responseEnd.toFixed(0)}`).join(', ') }));
        process.stderr.write(`  from navigation: ${start.feed}; ${start.calls}\n`);
      }
      r.search = await search(page, 'namur');
      await breakdown(page, `first search (${r.search.toFixed(0)} ms)`);
      r.searchTotal = await page.evaluate(() => document.querySelector('ess-shop-finder').result?.total);
    } else {
      await page.waitForFunction(() => window.__clusters, { timeout: 600_000, polling: 200 });
    }
    Object.assign(r, await page.evaluate(() => ({ clusters: window.__clusters, list: window.__list, isolated: crossOriginIsolated })));
    const end = (r.list ?? r.clusters) + WINDOW;
    await page.waitForFunction((end) => performance.now() > end, { polling: 100 }, end);
    if (tracing) {
      traced = true;
      const raw = new TextDecoder().decode(await page.tracing.stop());
      if (process.env.TRACE_FILE) (await import('node:fs')).writeFileSync(process.env.TRACE_FILE, raw);
      explain(JSON.parse(raw));
    }
    r.longest = await page.evaluate((end) => Math.max(0, ...window.__tasks.filter((t) => t.start < end).map((t) => t.duration)), end);
    r.longTasks = await page.evaluate((end) => window.__tasks.filter((t) => t.start < end).length, end);
    if (finder) {
      // Warm: three category filters set and cleared, then a search again.
      const warm = await page.evaluate(async () => {
        const el = document.querySelector('ess-shop-finder');
        const times = [];
        for (let i = 0; i < 6; i++) {
          const box = [...el.shadowRoot.querySelectorAll('.facet:first-of-type input')][Math.floor(i / 2) + 1];
          const t0 = performance.now();
          window.__mark = t0;
          const done = new Promise((res) => el.addEventListener('ess-search', res, { once: true }));
          box.click();
          await done;
          window.__event = performance.now() - t0;
          await el.updateComplete;
          await new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
          times.push(performance.now() - t0);
          if (window.__calls) window.__steps = [...(window.__steps ?? []), { calls: window.__calls.filter((c) => c.sent >= t0).map((c) => `${c.type} ${(c.sent - t0).toFixed(0)}→${(c.answered - t0).toFixed(0)}`).join(', '), event: window.__event, total: times.at(-1) }];
        }
        return times;
      });
      if (BREAKDOWN) for (const s of await page.evaluate(() => window.__steps)) process.stderr.write(`  filter (${s.total.toFixed(0)} ms): ess-search at ${s.event.toFixed(0)} ms; ${s.calls}\n`);
      warm.push(await search(page, 'liege'));
      await breakdown(page, `warm search (${warm.at(-1).toFixed(0)} ms)`);
      warm.sort((a, b) => a - b);
      r.warm = warm[Math.floor(warm.length / 2)];
      r.warmWorst = warm.at(-1);
      r.mode = await page.evaluate(() => document.querySelector('ess-shop-finder').loadedData.backend.mode);
    }
    const mem = await page.evaluate(async () => {
      if (!crossOriginIsolated || !performance.measureUserAgentSpecificMemory) return undefined;
      const m = await performance.measureUserAgentSpecificMemory();
      const worker = m.breakdown.filter((b) => b.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope')).reduce((s, b) => s + b.bytes, 0);
      return { total: m.bytes, worker };
    });
    r.heap = mem?.total;
    r.workerHeap = mem?.worker;
    const mainFetched = await page.evaluate(() => performance.getEntriesByType('resource').some((e) => /opening_hours/.test(e.name)));
    r.hoursFetched = mainFetched ? 'main' : fetched.length ? 'worker' : 'no';
  } finally {
    await context.close();
  }
  return r;
}

const sorted = (a) => a.filter((v) => v !== undefined).sort((x, y) => x - y);
const stat = (runs, key) => {
  const v = sorted(runs.map((r) => r[key]));
  return v.length ? { med: v[Math.floor(v.length / 2)], min: v[0], max: v.at(-1) } : undefined;
};
const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');
const uptime = () => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${load()}`;
  }
};
const loadBefore = uptime();
const results = {};
try {
  for (const n of SIZES) {
    results[n] = Object.fromEntries(PAGES.map((p) => [p, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const kind of PAGES) {
        let r;
        try {
          r = await run(kind, n);
        } catch (e) {
          // A run that fails (a timeout on a loaded machine) is said, and the others still count.
          process.stderr.write(`${n} ${kind} run ${i + 1} FAILED: ${e.message}\n`);
          continue;
        }
        results[n][kind].push(r);
        process.stderr.write(`${n} ${kind} run ${i + 1}: clusters ${r.clusters?.toFixed(0)} ms${r.list ? `, list ${r.list.toFixed(0)} ms, search ${r.search.toFixed(0)} ms, warm ${r.warm.toFixed(0)} ms` : ''}, longest ${r.longest.toFixed(0)} ms (${r.longTasks} over 50), heap ${((r.heap ?? 0) / 1048576).toFixed(0)} MB, hours lib ${r.hoursFetched}, load ${load()}\n`);
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}

const ms = (s, d = 0) => (s ? `${s.med.toFixed(d)} ms (${s.min.toFixed(d)}–${s.max.toFixed(d)})` : '—');
const sec = (s) => (s ? `${(s.med / 1000).toFixed(2)} s (${(s.min / 1000).toFixed(2)}–${(s.max / 1000).toFixed(2)})` : '—');
const mb = (s) => (s ? `${(s.med / 1048576).toFixed(0)} MB (${(s.min / 1048576).toFixed(0)}–${(s.max / 1048576).toFixed(0)})` : '—');
const NAMES = { finder: 'ess-shop-finder', 'finder-before': 'ess-shop-finder (before)', mc: 'markercluster', 'mc-chunked': 'markercluster chunked' };
const print = (head, rows) => {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((t) => t[i].length)));
  console.log(`| ${head.map((h, i) => h.padEnd(w[i])).join(' | ')} |`);
  console.log(`|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`);
  for (const t of rows) console.log(`| ${t.map((c, i) => c.padEnd(w[i])).join(' | ')} |`);
};

console.log(`\nAll pages, median (min–max) of ${RUNS} runs, from navigation:\n`);
const detail = [];
for (const n of SIZES) {
  for (const kind of PAGES) {
    const runs = results[n][kind];
    if (!runs.length) continue;
    const f = kind.startsWith('finder');
    const heap = stat(runs, 'heap');
    detail.push([
      n.toLocaleString('en'),
      f ? `${NAMES[kind]} (${runs[0].mode}, ${runs.length} runs)` : `${NAMES[kind]} (${runs.length} runs)`,
      sec(stat(runs, 'clusters')),
      sec(stat(runs, 'list')),
      ms(stat(runs, 'longest')),
      f ? ms(stat(runs, 'search')) : '—',
      f ? `${ms(stat(runs, 'warm'))} / ${stat(runs, 'warmWorst').max.toFixed(0)} ms` : '—',
      mb(heap),
      heap ? `${(heap.med / n / 1024).toFixed(2)} KB` : '—',
      f ? mb(stat(runs, 'workerHeap')) : '—',
      f ? [...new Set(runs.map((r) => r.hoursFetched))].join(', ') : '—',
    ]);
  }
}
print(['points', 'page', 'first clusters', 'list ready', 'longest task', 'first search', 'warm median / worst', 'total heap', 'per point', 'of which worker', 'hours lib'], detail);

if (PAGES.includes('finder') && SIZES.every((n) => results[n].finder.length)) {
  console.log(`\nThe issue's table (medians; ratio = markercluster time ÷ finder time):\n`);
  const rows = SIZES.map((n) => {
    const f = results[n].finder;
    const fc = stat(f, 'clusters').med;
    const vs = ['mc-chunked', 'mc'].filter((k) => results[n][k]?.length).map((k) => ({ k, t: stat(results[n][k], 'clusters').med, heap: stat(results[n][k], 'heap')?.med }));
    const mcHeap = vs.map((v) => v.heap).filter(Boolean);
    return [
      n.toLocaleString('en'),
      `${(fc / 1000).toFixed(2)} s${vs.length ? ` vs ${vs.map((v) => `${(v.t / 1000).toFixed(2)} s ${v.k === 'mc' ? 'plain' : 'chunked'}`).join(' / ')} (${vs.map((v) => `${(v.t / fc).toFixed(1)}×`).join(' / ')})` : ''}`,
      `${(stat(f, 'list').med / 1000).toFixed(2)} s`,
      `${stat(f, 'longest').med.toFixed(0)} ms (max ${stat(f, 'longest').max.toFixed(0)})`,
      `${stat(f, 'search').med.toFixed(0)} ms`,
      `${stat(f, 'warm').med.toFixed(0)} ms`,
      `${(stat(f, 'heap')?.med / 1048576).toFixed(0)}${mcHeap.length ? ` vs ${mcHeap.map((h) => (h / 1048576).toFixed(0)).join(' / ')}` : ''} MB`,
    ];
  });
  print(['points', 'first clusters, finder vs markercluster', 'list ready', 'longest task, finder', 'search "namur" right after the list', 'warm change', 'total JS heap incl. worker, finder vs mc'], rows);
}
console.log(`\nRUNS=${RUNS} node scripts/bench-shop-finder.mjs --points ${SIZES.join(',')}${opt('pages') ? ` --pages ${PAGES.join(',')}` : ''}${BEFORE ? ` --before ${BEFORE}` : ''}${MBIT ? ` --mbit ${MBIT}` : ''}`);
console.log(`load before: ${loadBefore}`);
console.log(`load after:  ${uptime()}`);
