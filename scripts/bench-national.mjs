#!/usr/bin/env node
// National scale: the shop finder on a range-readable directory (ess-feed tile) of 1,000,000
// places, beside the same finder on plain GeoJSON, each page served by `ess-feed serve` (ranges,
// gzip) through a throttled line (20 Mbit/s, 20 ms), in headless Chromium. Prints, per page
// (median of RUNS runs, min–max):
//   - first clusters: from navigation to the first cluster drawn; bytes transferred until then
//   - zoom into a city (Namur, zoom 15): from the view change to the list of the places in view;
//     bytes transferred for it
//   - name search (a shop's name) and place search ("5000"): from submit to the list shown
//   - JS heap of the page (main thread; a tiled finder runs no worker) and the longest task from
//     navigation to the end (PerformanceObserver 'longtask': only tasks over 50 ms are reported)
// Usage: node scripts/bench-national.mjs [--points 1000000] [--geojson 100000,1000000] [--no-throttle]
// Feeds are generated into demo/feeds/large-N/ (not committed) when missing, then tiled.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const POINTS = Number(opt('--points', 1_000_000));
const GEOJSON = opt('--geojson', '100000').split(',').filter(Boolean).map(Number);
const THROTTLE = !args.includes('--no-throttle');
const RUNS = Number(process.env.RUNS ?? 3);
const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const BUNDLE = 'packages/widgets/dist/cdn';
const cli = ['packages/feed-cli/bin/ess-feed.js'];

function entry(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      const e = entry(p);
      if (e) return e;
    } else if (name === 'ess-widgets.js') return p;
  }
}

/** demo/feeds/large-N: the generator's large feed of N points, plain and (for `tiled`) tiled. */
function feed(n, tiled) {
  const dir = `demo/feeds/large-${n}${tiled ? '-tiled' : ''}`;
  if (existsSync(join(dir, 'feed.json'))) return dir;
  const plain = `demo/feeds/large-${n}`;
  if (!existsSync(join(plain, 'feed.json'))) {
    console.error(`generating ${n} points…`);
    const r = spawnSync(process.execPath, ['scripts/generate-sample.mjs', '--large', String(n)], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(1);
    renameSync('demo/feeds/large', plain);
  }
  if (tiled) {
    cpSync(plain, dir, { recursive: true });
    console.error(`tiling ${n} points…`);
    const t = Date.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%e s, %M KB', process.execPath, ...cli, 'tile', join(dir, 'feed.json')], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.error(r.stdout, r.stderr);
      process.exit(1);
    }
    console.error(`${r.stdout.trim().split('\n').pop()} (${((Date.now() - t) / 1000).toFixed(1)} s; /usr/bin/time: ${r.stderr.trim().split('\n').pop()})`);
    rmSync(join(dir, 'locations.geojson'));
  }
  return dir;
}

async function measure(browser, origin, feedPath, city) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  if (THROTTLE) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: (20e6 / 8), uploadThroughput: (5e6 / 8) });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  await page.evaluateOnNewDocument(() => {
    window.__long = 0;
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__long = Math.max(window.__long, e.duration)))).observe({ type: 'longtask', buffered: true });
  });
  const html = `/bench-${Math.random().toString(36).slice(2)}.html`;
  writeFileSync(join('.cache/national', html), `<!doctype html><html lang="fr"><style>body{margin:0} ess-shop-finder{--ess-finder-height:760px}</style>
    <script type="module" src="/cdn/${relative(BUNDLE, entry(BUNDLE))}"></script>
    <ess-shop-finder feed="/${feedPath}/feed.json" tile-url="${TILE}"></ess-shop-finder>`);
  const r = {};
  await page.goto(`${origin}${html}`);
  await page.waitForFunction(() => document.querySelector('ess-shop-finder')?.shadowRoot?.querySelector('.ess-pin'), { timeout: 600_000, polling: 20 });
  r.first = await page.evaluate(() => performance.now());
  r.firstBytes = bytes;
  await page.waitForFunction(() => document.querySelector('ess-shop-finder').shadowRoot.querySelector('.list .item'), { timeout: 600_000, polling: 20 });
  // Zoom into the city: until the list holds places near it.
  const listedNear = (c) => {
    const root = document.querySelector('ess-shop-finder').shadowRoot;
    const text = root.querySelector('.list')?.textContent ?? '';
    return text.includes(c);
  };
  let b0 = bytes;
  let t0 = await page.evaluate(([lat, lon]) => {
    const el = document.querySelector('ess-shop-finder');
    el.setAttribute('center', `${lat},${lon}`);
    el.setAttribute('zoom', '15');
    return performance.now();
  }, city.at);
  await page.waitForFunction(listedNear, { timeout: 600_000, polling: 10 }, city.name);
  r.zoom = (await page.evaluate(() => performance.now())) - t0;
  r.zoomBytes = bytes - b0;
  const search = async (q, expect) => {
    const t = await page.evaluate((q) => {
      const root = document.querySelector('ess-shop-finder').shadowRoot;
      root.querySelector('input[name="q"]').value = q;
      root.querySelector('form').requestSubmit();
      return performance.now();
    }, q);
    await page.waitForFunction(listedNear, { timeout: 600_000, polling: 10 }, expect);
    return (await page.evaluate(() => performance.now())) - t;
  };
  r.name = await search(city.shop, city.shop);
  r.place = await search('5000', 'Namur');
  const m = await cdp.send('Performance.getMetrics').catch(() => undefined);
  await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
  r.heap = (await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0)) || m?.metrics.find((x) => x.name === 'JSHeapUsedSize')?.value;
  r.workerHeap = 0;
  for (const t of browser.targets().filter((t) => t.type() === 'worker')) {
    const w = await t.worker();
    r.workerHeap += (await w?.evaluate(() => performance.memory?.usedJSHeapSize ?? 0).catch(() => 0)) ?? 0;
  }
  r.long = await page.evaluate(() => window.__long);
  await page.close();
  return r;
}

const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs, f) => `${f(med(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;

mkdirSync('.cache/national', { recursive: true });
if (!existsSync(BUNDLE)) {
  console.error('Build first: npm run build');
  process.exit(1);
}
const pages = [{ label: `tiled, ${POINTS.toLocaleString('en')} points`, dir: feed(POINTS, true) }, ...GEOJSON.map((n) => ({ label: `GeoJSON, ${n.toLocaleString('en')} points`, dir: feed(n, false) }))];
cpSync(BUNDLE, '.cache/national/cdn', { recursive: true });
for (const p of pages) {
  rmSync(join('.cache/national', p.dir), { recursive: true, force: true });
  mkdirSync(join('.cache/national', p.dir), { recursive: true });
  for (const f of readdirSync(p.dir)) cpSync(join(p.dir, f), join('.cache/national', p.dir, f), { recursive: true });
}
const { startServer } = await import('../packages/feed-cli/dist/serve.js');
const server = await startServer('.cache/national', { port: 0 });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: [...CHROME_ARGS, '--enable-precise-memory-info'] });
const city = { name: 'Namur', at: [50.4669, 4.8675], shop: 'Ressourcerie' };
const rows = [];
try {
  for (const p of pages) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      try {
        runs.push(await measure(browser, origin, p.dir, city));
      } catch (e) {
        console.error(`${p.label}: ${e.message}`);
        break;
      }
    }
    rows.push({ p, runs });
  }
} finally {
  await browser.close();
  server.close();
}
const ms = (v) => `${Math.round(v)} ms`;
const kb = (v) => (v > 1048576 ? `${(v / 1048576).toFixed(1)} MB` : `${Math.round(v / 1024)} KB`);
const mb = (v) => `${(v / 1048576).toFixed(0)} MB`;
const head = ['page', 'first clusters', 'transferred', 'zoom into Namur', 'transferred', 'name search', 'place search', 'JS heap (page + worker)', 'longest task'];
const table = rows.map(({ p, runs }) => (runs.length ? [
  p.label,
  range(runs.map((r) => r.first), ms), kb(med(runs.map((r) => r.firstBytes))),
  range(runs.map((r) => r.zoom), ms), kb(med(runs.map((r) => r.zoomBytes))),
  range(runs.map((r) => r.name), ms), range(runs.map((r) => r.place), ms),
  mb(med(runs.map((r) => r.heap + r.workerHeap))), ms(med(runs.map((r) => r.long))),
] : [p.label, 'failed', '', '', '', '', '', '', '']));
console.log(`${RUNS} run(s), ${THROTTLE ? '20 Mbit/s, 20 ms' : 'no throttle'}; load: ${readLoad()}`);
console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n${table.map((t) => `| ${t.join(' | ')} |`).join('\n')}`);

function readLoad() {
  try {
    return spawnSync('uptime', { encoding: 'utf8' }).stdout.trim().replace(/^.*load average/, 'load average');
  } catch {
    return '?';
  }
}
