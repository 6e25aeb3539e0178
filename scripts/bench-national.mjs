#!/usr/bin/env node
// National scale: the shop finder on a range-readable directory (ess-feed tile) of 1,000,000
// places, beside the same finder on plain GeoJSON, each page served by `ess-feed serve` (ranges,
// gzip) through a throttled line (20 Mbit/s, 20 ms), in headless Chromium. Prints, per page
// (median of RUNS runs, min–max):
//   - first clusters: from navigation to the first cluster drawn; bytes transferred until then
//   - zoom into a city (Namur, zoom 15): from the view change to the list of the places in view (a
//     tiled finder's list follows the map) or, on plain GeoJSON (whose list does not follow the
//     map), to the map's pins redrawn for the new view; bytes transferred for it
//   - name search (a shop's name) and place search ("5000"): from submit to the list shown (the
//     finder's ess-search event, then the list holding what was looked for)
//   - JS heap of the page (main thread; a tiled finder runs no worker) and the longest task from
//     navigation to the end (PerformanceObserver 'longtask': only tasks over 50 ms are reported)
// A page that has not finished a step within --timeout seconds (default 180) is reported as such
// ("did not finish within N s") with the steps it did finish, and the next page is measured.
// Prints one column per page, beside the targets of issue #14.
// Usage: node scripts/bench-national.mjs [--points 1000000] [--geojson 100000,1000000] [--timeout 180] [--no-throttle]
// Feeds are generated into demo/feeds/large-N/ (not committed) when missing, then tiled.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';
import { builtEntry } from './embed-server.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const POINTS = Number(opt('--points', 1_000_000));
const GEOJSON = opt('--geojson', '100000,1000000').split(',').filter(Boolean).map(Number);
const THROTTLE = !args.includes('--no-throttle');
const RUNS = Number(process.env.RUNS ?? 3);
const TIMEOUT = Number(opt('--timeout', 180)) * 1000;
const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const BUNDLE = 'packages/widgets/dist/cdn';
const cli = ['packages/feed-cli/bin/ess-feed.js'];

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
    const r = spawnSync('/usr/bin/time', ['-f', '%e s wall, %U s user, %S s system, %M KB peak', process.execPath, ...cli, 'tile', join(dir, 'feed.json')], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.error(r.stdout, r.stderr);
      process.exit(1);
    }
    console.error(`${r.stdout.trim().split('\n').pop()} (${((Date.now() - t) / 1000).toFixed(1)} s; /usr/bin/time: ${r.stderr.trim().split('\n').pop()})`);
    rmSync(join(dir, 'locations.geojson'));
  }
  return dir;
}

class Unfinished extends Error {}
const STEPS = ['first', 'zoom', 'name', 'place'];

/** One run on one page; `r.unfinished` names the step that did not finish within TIMEOUT. */
async function measure(browser, origin, feedPath, city, tiled) {
  // Each run a first visit: its own browser context (no HTTP cache, no stored copy of the feed).
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  if (THROTTLE) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: (20e6 / 8), uploadThroughput: (5e6 / 8) });
  // Bytes as they arrive (a response still downloading counts), each response's total at its end.
  let bytes = 0;
  const count = (session) => {
    const got = new Map();
    session.on('Network.dataReceived', (e) => {
      bytes += e.encodedDataLength;
      got.set(e.requestId, (got.get(e.requestId) ?? 0) + e.encodedDataLength);
    });
    session.on('Network.loadingFinished', (e) => {
      bytes += Math.max(0, e.encodedDataLength - (got.get(e.requestId) ?? 0));
      got.delete(e.requestId);
    });
  };
  count(cdp);
  // The finder's worker (plain GeoJSON) downloads the feed itself: its own session counts those
  // bytes, under the same throttling, and its heap.
  const workers = [];
  page.on('workercreated', (w) => {
    workers.push(w);
    const c = w.client;
    count(c);
    void c.send('Network.enable').then(() => THROTTLE && c.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: (20e6 / 8), uploadThroughput: (5e6 / 8) })).catch(() => undefined);
  });
  await page.evaluateOnNewDocument(() => {
    window.__long = 0;
    window.__searches = 0;
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__long = Math.max(window.__long, e.duration)))).observe({ type: 'longtask', buffered: true });
    // The finder's own word that a search or filter was answered (bubbles out of its shadow root).
    document.addEventListener('ess-search', (e) => {
      window.__searches++;
      window.__search = e.detail;
    });
  });
  const html = `/bench-${Math.random().toString(36).slice(2)}.html`;
  writeFileSync(join('.cache/national', html), `<!doctype html><html lang="fr"><style>body{margin:0} ess-shop-finder{--ess-finder-height:760px}</style>
    <script type="module" src="/cdn/${builtEntry()}"></script>
    <ess-shop-finder feed="/${feedPath}/feed.json" tile-url="${TILE}"></ess-shop-finder>`);
  const r = {};
  const deadline = Date.now() + TIMEOUT;
  const wait = async (step, f, ...a) => {
    try {
      await page.waitForFunction(f, { timeout: Math.max(1, deadline - Date.now()), polling: 10 }, ...a);
    } catch (e) {
      if (e.name !== 'TimeoutError') throw e;
      throw Object.assign(new Unfinished(step), { step });
    }
  };
  try {
    await page.goto(`${origin}${html}`, { timeout: TIMEOUT });
    await wait('first', () => document.querySelector('ess-shop-finder')?.shadowRoot?.querySelector('.ess-pin'));
    r.first = await page.evaluate(() => performance.now());
    r.firstBytes = bytes;
    // The first list answered (an overview by category on plain GeoJSON; a tiled finder's list of
    // the places at the centre of the view may be empty on a small directory).
    await wait('first', () => window.__searches > 0 && document.querySelector('ess-shop-finder').shadowRoot.querySelector('.list-pane[aria-busy="false"]'));
    const listedNear = (c) => {
      const root = document.querySelector('ess-shop-finder').shadowRoot;
      return root.querySelector('.list-pane[aria-busy="false"]') && (root.querySelector('.list')?.textContent ?? '').includes(c);
    };
    const b0 = bytes;
    const t0 = await page.evaluate(([lat, lon]) => {
      const el = document.querySelector('ess-shop-finder');
      // The map's pins are redrawn in one go (cleared, then added): the time of the last change.
      window.__drawn = undefined;
      const pane = el.shadowRoot.querySelector('.leaflet-marker-pane');
      new MutationObserver(() => (window.__drawn = performance.now())).observe(pane, { childList: true });
      el.setAttribute('center', `${lat},${lon}`);
      el.setAttribute('zoom', '15');
      return performance.now();
    }, city.at);
    if (tiled) {
      await wait('zoom', listedNear, city.name);
      r.zoom = (await page.evaluate(() => performance.now())) - t0;
    } else {
      // Pins drawn, and none changed for half a second since (a later redraw would count).
      await wait('zoom', () => window.__drawn !== undefined && document.querySelector('ess-shop-finder').shadowRoot.querySelector('.ess-pin') && performance.now() - window.__drawn > 500);
      r.zoom = (await page.evaluate(() => window.__drawn)) - t0;
    }
    r.zoomBytes = bytes - b0;
    // The finder's answer to this submission (its ess-search event after it, for these words or
    // this place), then the list holding its first item, or the text expected.
    const search = async (step, q, expect) => {
      const [t, n] = await page.evaluate((q) => {
        const root = document.querySelector('ess-shop-finder').shadowRoot;
        root.querySelector('input[name="q"]').value = q;
        const n = window.__searches;
        root.querySelector('form').requestSubmit();
        return [performance.now(), n];
      }, q);
      await wait(step, (n, q, c) => {
        const root = document.querySelector('ess-shop-finder').shadowRoot;
        const s = window.__search;
        if (!(window.__searches > n && (s.q === q || s.filter.near)) || !root.querySelector('.list-pane[aria-busy="false"] .list .item')) return false;
        return !c || root.querySelector('.list').textContent.includes(c);
      }, n, q, expect);
      return (await page.evaluate(() => performance.now())) - t;
    };
    // A name: on plain GeoJSON the words also match organizations (their collection points are
    // listed), in the name index only names: the first item is what a visitor waits for.
    r.name = await search('name', city.shop);
    r.place = await search('place', '5000', 'Namur');
    const m = await cdp.send('Performance.getMetrics').catch(() => undefined);
    await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
    r.heap = (await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0)) || m?.metrics.find((x) => x.name === 'JSHeapUsedSize')?.value;
    r.workerHeap = 0;
    for (const w of workers) r.workerHeap += (await w.client.send('Runtime.getHeapUsage').catch(() => undefined))?.usedSize ?? 0;
    r.long = await page.evaluate(() => window.__long);
  } catch (e) {
    // A page that crashed (out of memory, say) is stopped at the step it was at, and said so.
    r.unfinished = e instanceof Unfinished ? e.step : STEPS.find((s) => r[s] === undefined) ?? 'place';
    if (!(e instanceof Unfinished)) r.why = e.message.split('\n')[0];
    // What the page showed when it was stopped, for whoever reads the log.
    const seen = await page.evaluate(() => {
      const root = document.querySelector('ess-shop-finder')?.shadowRoot;
      return { busy: root?.querySelector('.list-pane')?.getAttribute('aria-busy'), searches: window.__searches, list: (root?.querySelector('.list-pane')?.textContent ?? '').replace(/\s+/g, ' ').slice(0, 160) };
    }).catch(() => undefined);
    console.error(`${feedPath}: stopped at "${r.unfinished}"${r.why ? ` (${r.why})` : ''}; the page showed ${JSON.stringify(seen)}`);
    r.long = await page.evaluate(() => window.__long).catch(() => undefined);
  } finally {
    await context.close().catch(() => undefined);
  }
  return r;
}

const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs, f) => `${f(med(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;

mkdirSync('.cache/national', { recursive: true });
if (!existsSync(BUNDLE)) {
  console.error('Build first: npm run build');
  process.exit(1);
}
const pages = [{ label: `tiled, ${POINTS.toLocaleString('en')} points`, dir: feed(POINTS, true), tiled: true }, ...GEOJSON.map((n) => ({ label: `GeoJSON, ${n.toLocaleString('en')} points`, dir: feed(n, false), tiled: false }))];
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
      const r = await measure(browser, origin, p.dir, city, p.tiled);
      runs.push(r);
      // A page that did not finish once would not the next time: on to the next page.
      if (r.unfinished) break;
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
/** A cell: the median (min–max) of the runs that finished the step, or why there is none. */
const cell = (runs, step, value, f, whole = true) => {
  const done = runs.filter((r) => r[value] !== undefined);
  const stopped = runs.find((r) => r.unfinished && STEPS.indexOf(r.unfinished) <= STEPS.indexOf(step));
  if (stopped && !done.length) return stopped.why ? `failed (${stopped.why})` : `did not finish within ${TIMEOUT / 1000} s`;
  if (!done.length) return '—';
  return whole ? range(done.map((r) => r[value]), f) : f(med(done.map((r) => r[value])));
};
const metrics = [
  ['first clusters', '≤ 1.5 s', (runs) => cell(runs, 'first', 'first', ms)],
  ['  transferred', '≤ 1 MB', (runs) => cell(runs, 'first', 'firstBytes', kb, false)],
  ['zoom into Namur (z15)', '≤ 300 ms', (runs) => cell(runs, 'zoom', 'zoom', ms)],
  ['  transferred', '≤ 200 KB', (runs) => cell(runs, 'zoom', 'zoomBytes', kb, false)],
  ['name search', '≤ 300 ms', (runs) => cell(runs, 'name', 'name', ms)],
  ['place search', '≤ 100 ms', (runs) => cell(runs, 'place', 'place', ms)],
  ['JS heap (page + worker)', '≤ 100 MB', (runs) => (runs.some((r) => r.heap !== undefined) ? mb(med(runs.filter((r) => r.heap !== undefined).map((r) => r.heap + r.workerHeap))) : '—')],
  ['longest task', 'none over 50 ms', (runs) => (runs.some((r) => r.long !== undefined) ? `${ms(med(runs.filter((r) => r.long !== undefined).map((r) => r.long)))}${runs.some((r) => r.unfinished) ? ' (until stopped)' : ''}` : '—')],
];
const head = ['', 'target', ...rows.map(({ p }) => p.label)];
console.log(`${RUNS} run(s) a page, median (min–max); ${THROTTLE ? '20 Mbit/s, 20 ms' : 'no throttle'}; load: ${readLoad()}`);
console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n${metrics.map(([name, target, f]) => `| ${[name, target, ...rows.map(({ runs }) => f(runs))].join(' | ')} |`).join('\n')}`);

function readLoad() {
  try {
    return spawnSync('uptime', { encoding: 'utf8' }).stdout.trim().replace(/^.*load average/, 'load average');
  } catch {
    return '?';
  }
}
