// End to end: the built script served from another origin, as from a CDN. A module worker
// cannot start from another origin, so the finder must fall back to a blob: worker, and every
// element must still work. Runs the built bundle (npm test builds it first) in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';

const TYPES = { '.js': 'text/javascript', '.json': 'application/json', '.geojson': 'application/geo+json', '.html': 'text/html' };

function serve(root, extra = {}) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (extra[path]) return res.writeHead(200, { 'content-type': 'text/html' }).end(extra[path]());
    const file = normalize(join(root, path));
    if (!file.startsWith(normalize(root)) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'access-control-allow-origin': '*' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

test('the script from another origin: every element works, the finder indexes in a blob: worker', { timeout: 120_000 }, async () => {
  assert.ok(existsSync('packages/widgets/dist/cdn/ess-widgets.js'), 'the bundle is built (npm run build)');
  // The figures expected, read from the sample files (not typed in).
  const sample = JSON.parse(readFileSync('demo/feeds/wallonie-bruxelles/feed.json', 'utf8'));
  const places = JSON.parse(readFileSync('demo/feeds/wallonie-bruxelles/locations.geojson', 'utf8')).features.length;
  const jobs = sample.stats.find((s) => s.id === 'jobs');
  const fr = new Intl.NumberFormat('fr');
  const cdn = await serve('packages/widgets/dist/cdn');
  const cdnUrl = `http://127.0.0.1:${cdn.address().port}`;
  const site = await serve('demo', {
    '/page.html': () => `<!doctype html><html lang="fr"><script type="module" src="${cdnUrl}/ess-widgets.js"></script>
      <ess-sector-counter feed="/feeds/wallonie-bruxelles/feed.json" stat="jobs"></ess-sector-counter>
      <ess-shop-finder feed="/feeds/wallonie-bruxelles/feed.json" tile-url="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="></ess-shop-finder>`,
  });
  // "localhost" and "127.0.0.1" are different origins: the page is on one, the script on the other.
  const pageUrl = `http://localhost:${site.address().port}/page.html`;
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pageUrl);
    await page.waitForFunction(() => document.querySelector('ess-shop-finder')?.shadowRoot?.querySelector('.list .item') && document.querySelector('ess-shop-finder').shadowRoot.querySelector('.ess-pin'), { timeout: 60_000, polling: 100 });
    const r = await page.evaluate(() => ({
      mode: document.querySelector('ess-shop-finder').loadedData.backend.mode,
      heading: document.querySelector('ess-shop-finder').shadowRoot.querySelector('.list-heading').textContent,
      counter: document.querySelector('ess-sector-counter').shadowRoot.querySelector('.figure .visually-hidden')?.textContent,
    }));
    assert.equal(r.mode, 'blob');
    assert.equal(r.heading, `${fr.format(places)} lieux`);
    assert.equal(r.counter, `${jobs.approximate ? 'environ ' : ''}${fr.format(jobs.value)}`);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    cdn.close();
    site.close();
  }
});
