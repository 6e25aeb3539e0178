// Benchmark (not a test): the longest main-thread task while the elements load a big inline feed.
// Builds a feed with N inline locations (default 100,000, about 31 MB) from the Wallonia–Brussels
// sample, serves it from 127.0.0.1 with the built bundle, and records every 'longtask' entry from
// navigation until each element shows its data, beside a page that only fetches the same bytes
// (the floor: Chromium's own tasks for a body that size, no element code). Prints a table. Usage:
//   npm run build && node scripts/longtask-feed.mjs [N]
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';

const N = Number(process.argv[2] ?? 100_000);
const DIST = 'packages/widgets/dist/cdn';
const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
if (!existsSync(join(DIST, 'ess-widgets.js'))) throw new Error('Build first: npm run build');

const feed = JSON.parse(readFileSync('demo/feeds/wallonie-bruxelles/feed.json', 'utf8'));
const base = JSON.parse(readFileSync('demo/feeds/wallonie-bruxelles/locations.geojson', 'utf8')).features;
const features = [];
for (let i = 0; i < N; i++) {
  const f = base[i % base.length];
  const [lon, lat] = f.geometry.coordinates;
  features.push({ ...f, id: `${f.id}-${i}`, geometry: { type: 'Point', coordinates: [lon + ((i * 7919) % 1000) / 1e5, lat + ((i * 104729) % 1000) / 1e5] } });
}
const body = Buffer.from(JSON.stringify({ ...feed, locations: features }));

const PAGES = {
  // The floor: the same bytes fetched by a page with no element (Chromium's own work on a big body).
  'fetch only': `<script>fetch('/feed.json').then((r) => r.arrayBuffer()).then((b) => { window.__got = b.byteLength; })</script>`,
  counter: `<ess-sector-counter feed="/feed.json" count="locations" layout="big"></ess-sector-counter>`,
  nearby: `<ess-nearby-points feed="/feed.json" near="50.4669,4.8675"></ess-nearby-points>`,
  finder: `<ess-shop-finder feed="/feed.json" tile-url="${TILE}" style="display:block;width:1000px;height:600px"></ess-shop-finder>`,
};
const READY = {
  'fetch only': 'window.__got > 0',
  counter: "document.querySelector('ess-sector-counter')?.shadowRoot?.querySelector('.figures')",
  nearby: "document.querySelector('ess-nearby-points')?.shadowRoot?.querySelector('.item')",
  finder: "document.querySelector('ess-shop-finder')?.shadowRoot?.querySelector('.list .item')",
};

const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const name = /^\/([\w%]+)\.html$/.exec(path)?.[1];
  const page = name && decodeURIComponent(name);
  if (page && PAGES[page]) {
    return res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html lang="fr"><script>
      window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
      </script><script type="module" src="/ess-widgets.js"></script>${PAGES[page]}`);
  }
  if (path === '/feed.json') return res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
  const file = normalize(join(DIST, path));
  if (!file.startsWith(normalize(DIST)) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
const rows = [];
try {
  for (const name of Object.keys(PAGES)) {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/${encodeURIComponent(name)}.html`);
    const t0 = Date.now();
    await page.waitForFunction(READY[name], { timeout: 180_000, polling: 100 });
    const ms = Date.now() - t0;
    // Let the tail of the work (indexing, saving the copy) run, then read the entries.
    await new Promise((r) => setTimeout(r, 3000));
    const long = await page.evaluate(() => window.__long);
    rows.push({ element: name, locations: N, 'MB': +(body.length / 1e6).toFixed(1), 'shown after (ms)': ms, 'long tasks': long.length, 'longest (ms)': Math.round(Math.max(0, ...long)), 'over 50 ms': long.filter((d) => d > 50).map((d) => Math.round(d)).join(' ') });
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.table(rows);
