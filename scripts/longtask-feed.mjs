// Benchmark (not a test): the main thread's long tasks while the elements load a big inline feed.
// Builds a feed with N inline locations (default 100,000, about 69 MB) from the Wallonia–Brussels
// sample, serves it from 127.0.0.1 with the built bundle, and records every 'longtask' entry from
// navigation until 3 s after each element shows its data. Chromium runs with no DevTools client
// attached (DevTools keeps a copy of every fetched body on the page's main thread, which adds long
// tasks a visitor never has): the page posts its own figures back to the server. Beside the
// elements, the floors: a page that only fetches the same bytes on its main thread (whole, or
// streamed with a yield between parts), and one that fetches them in a worker (what the loader does
// for a locations file), or that transfers the body's stream to one. With --linked, the feed links
// its locations (/locations.geojson) as `ess-feed build` writes them, and the elements download
// that file in their worker; the floors fetch the same file. Prints a table. With --profile, each
// page runs under Chromium's tracing (trace-tasks.mjs: no DevTools client on the page, but slower)
// and each long task is printed with the functions that ran longest in it. Usage:
//   npm run build && node scripts/longtask-feed.mjs [--linked] [--profile] [N] [page …]
// BUNDLE=<dir> measures another build's versioned folder (an earlier commit's, copied aside).
import { createReadStream, existsSync, readFileSync, statSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { extname, join, normalize } from 'node:path';
import { tmpdir } from 'node:os';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';
import { builtVersion } from './embed-server.mjs';
import { traceTasks } from './trace-tasks.mjs';
const args = process.argv.slice(2);
const LINKED = args.includes('--linked');
const PROFILE = args.includes('--profile');
const [n, ...only] = args.filter((a) => !a.startsWith('--'));
const N = Number(n ?? 100_000);
const DIST = process.env.BUNDLE ?? join('packages/widgets/dist/cdn', builtVersion());
if (!existsSync(join(DIST, 'ess-widgets.js'))) throw new Error('Build first: npm run build');
const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const feed = JSON.parse(readFileSync('demo/feeds/wallonie-bruxelles/feed.json', 'utf8'));
const base = JSON.parse(readFileSync('demo/feeds/wallonie-bruxelles/locations.geojson', 'utf8')).features;
const features = [];
for (let i = 0; i < N; i++) { const f = base[i % base.length]; const [lon, lat] = f.geometry.coordinates;
  features.push({ ...f, id: `${f.id}-${i}`, geometry: { type: 'Point', coordinates: [lon + ((i * 7919) % 1000) / 1e5, lat + ((i * 104729) % 1000) / 1e5] } }); }
const body = Buffer.from(JSON.stringify(LINKED ? { type: 'FeatureCollection', features } : { ...feed, locations: features }));
const feedBody = LINKED ? Buffer.from(JSON.stringify({ ...feed, locations: { href: 'locations.geojson' } })) : body;
const BIG = LINKED ? '/locations.geojson' : '/feed.json';
const PAGES = {
  'fetch only': `<script>fetch('${BIG}').then((r) => r.arrayBuffer()).then((b) => { window.__got = b.byteLength; })</script>`,
  'fetch stream': `<script>fetch('${BIG}').then(async (r) => { const rd = r.body.getReader(); let n = 0; for (;;) { const { done, value } = await rd.read(); if (done) break; n += value.length; } window.__got = n; })</script>`,
  'fetch yield': `<script>const y = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); }); fetch('${BIG}').then(async (r) => { const rd = r.body.getReader(); let n = 0; for (;;) { const { done, value } = await rd.read(); if (done) break; n += value.length; await y(); } window.__got = n; })</script>`,
  'fetch worker': `<script>const w = new Worker(URL.createObjectURL(new Blob(["fetch('" + location.origin + "${BIG}').then((r) => r.arrayBuffer()).then((b) => postMessage(b, [b]))"], { type: 'text/javascript' }))); w.onmessage = (e) => { window.__got = e.data.byteLength; };</script>`,
  'fetch transfer': `<script>const w = new Worker(URL.createObjectURL(new Blob(["onmessage = async (e) => { const b = await new Response(e.data).arrayBuffer(); postMessage(b, [b]); }"], { type: 'text/javascript' }))); w.onmessage = (e) => { window.__got = e.data.byteLength; }; fetch('${BIG}').then((r) => w.postMessage(r.body, [r.body]));</script>`,
  counter: `<ess-sector-counter feed="/feed.json" count="locations" layout="big"></ess-sector-counter>`,
  nearby: `<ess-nearby-points feed="/feed.json" near="50.4669,4.8675"></ess-nearby-points>`,
  finder: `<ess-shop-finder feed="/feed.json" tile-url="${TILE}" style="display:block;width:1000px;height:600px"></ess-shop-finder>`,
};
const READY = { 'fetch only': 'window.__got > 0', 'fetch yield': 'window.__got > 0', 'fetch worker': 'window.__got > 0', 'fetch stream': 'window.__got > 0', 'fetch transfer': 'window.__got > 0',
  counter: "document.querySelector('ess-sector-counter')?.shadowRoot?.querySelector('.figures')",
  nearby: "document.querySelector('ess-nearby-points')?.shadowRoot?.querySelector('.item')",
  finder: "document.querySelector('ess-shop-finder')?.shadowRoot?.querySelector('.list .item')" };
let done;
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x'); const path = url.pathname;
  if (path === '/p.html') { const name = url.searchParams.get('p');
    return res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html lang="fr"><script>
      window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
      const t0 = performance.now(); const iv = setInterval(() => { if (${READY[name]}) { clearInterval(iv); const shown = Math.round(performance.now());
        setTimeout(() => fetch('/report', { method: 'POST', body: JSON.stringify({ shown, long: window.__long }) }), 3000); } }, 50);
      </script><script type="module" src="/ess-widgets.js"></script>${PAGES[name]}`); }
  if (path === '/report') { let s = ''; req.on('data', (c) => (s += c)); req.on('end', () => { res.end(); done(JSON.parse(s)); }); return; }
  if (path === '/feed.json') return res.writeHead(200, { 'content-type': 'application/json', 'content-length': feedBody.length }).end(feedBody);
  if (LINKED && path === '/locations.geojson') return res.writeHead(200, { 'content-type': 'application/geo+json', 'content-length': body.length }).end(body);
  const file = normalize(join(DIST, path));
  if (!existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const rows = [];
for (const name of (only.length ? only : Object.keys(PAGES))) {
  const got = new Promise((r) => (done = r));
  const url = `http://127.0.0.1:${server.address().port}/p.html?p=${encodeURIComponent(name)}`;
  const reported = Promise.race([got, new Promise((ok) => setTimeout(() => ok({ shown: -1, long: [] }), 120_000))]);
  let r;
  if (PROFILE) {
    const tasks = await traceTasks(url, reported);
    r = await reported;
    console.log(`${name}: ${tasks.length} long task(s) in the trace`);
    for (const t of tasks) console.log(`  ${t.ms} ms: ${t.top.join('; ') || 'no JavaScript sampled (the browser\'s own work)'}`);
  } else {
    const chrome = spawn(findChrome(), [...CHROME_ARGS, '--headless=new', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'nodt-'))}`, '--window-size=1280,900', url], { stdio: 'ignore' });
    r = await reported;
    chrome.kill();
  }
  rows.push({ page: name, locations: `${N}${LINKED ? ' linked' : ''}`, MB: +(body.length / 1e6).toFixed(1), 'shown (ms)': r.shown, 'long tasks': r.long.length, longest: Math.max(0, ...r.long), 'over 50': r.long.filter((d) => d > 50).join(' ') });
}
server.close();
console.table(rows);
