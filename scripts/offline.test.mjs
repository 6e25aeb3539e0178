// Offline for real: the built bundle in headless Chromium, the finder and the counter on one page,
// their feed on another local server. The feed server then answers 500, then a cut-off locations
// file, then goes down; after each reload both elements show the last good copy with its date.
// Twice: on a secure origin (http://127.0.0.1, where the copy lives in the Cache API) and on a
// non-secure one (http://ess-site.test, mapped to 127.0.0.1 by Chromium's host resolver rules, where
// `caches` is undefined and the copy lives in IndexedDB). Only 127.0.0.1 is ever contacted. Last, an
// element whose feed fails where the chunk of failure messages cannot load (offline) still explains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';

const TYPES = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html', '.css': 'text/css' };
const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const DIST = 'packages/widgets/dist/cdn';
const SAMPLE = 'demo/feeds/hauts-de-france';

function listen(server) {
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server.address().port)));
}

/** The page and the bundle. */
function siteServer(feedBase) {
  return createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/page.html') {
      return res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html lang="fr"><script type="module" src="/ess-widgets.js"></script>
        <ess-shop-finder feed="${feedBase}/feed.json" tile-url="${TILE}" style="display:block;width:1000px;height:600px"></ess-shop-finder>
        <ess-sector-counter feed="${feedBase}/feed.json" count="locations" layout="big"></ess-sector-counter>`);
    }
    const file = normalize(join(DIST, path));
    if (!file.startsWith(normalize(DIST)) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
}

/** The feed host: its answers follow `state.mode`. */
function feedServer(state) {
  const feed = readFileSync(join(SAMPLE, 'feed.json'));
  const locations = readFileSync(join(SAMPLE, 'locations.geojson'));
  return createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const cors = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
    state.hits.push(`${state.mode} ${path}`);
    if (state.mode === '500') return res.writeHead(500, cors).end('Internal Server Error');
    const body = path === '/feed.json' ? feed : path === '/locations.geojson' ? locations : undefined;
    if (!body) return res.writeHead(404, cors).end();
    // Cut off: the feed is fine, its locations file stops halfway (a half-uploaded file, a proxy's limit).
    const sent = state.mode === 'truncated' && path === '/locations.geojson' ? body.subarray(0, body.length >> 1) : body;
    res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(sent);
  });
}

async function shown(page) {
  await page.waitForFunction(
    () => {
      const f = document.querySelector('ess-shop-finder')?.shadowRoot;
      const c = document.querySelector('ess-sector-counter')?.shadowRoot;
      return (f?.querySelector('.list .item') || f?.querySelector('[data-state="error"]')) && (c?.querySelector('.figures') || c?.querySelector('[data-state="error"]'));
    },
    { timeout: 60_000, polling: 100 },
  );
  return page.evaluate(() => {
    const f = document.querySelector('ess-shop-finder').shadowRoot;
    const c = document.querySelector('ess-sector-counter').shadowRoot;
    return {
      finderError: f.querySelector('[data-state="error"]')?.textContent?.trim(),
      counterError: c.querySelector('[data-state="error"]')?.textContent?.trim(),
      heading: f.querySelector('.list-heading')?.textContent,
      items: f.querySelectorAll('.list .item').length,
      counter: c.querySelector('.figure .visually-hidden')?.textContent,
      finderStale: f.querySelector('[data-kind="stale"]')?.dataset.savedAt,
      counterStale: c.querySelector('[data-kind="stale"]')?.dataset.savedAt,
      staleText: f.querySelector('[data-kind="stale"]')?.textContent,
      secure: isSecureContext,
      hasCaches: typeof caches !== 'undefined',
      localStorage: localStorage.length,
    };
  });
}

/** Where the page keeps its copies: the URLs saved in the Cache API, or in IndexedDB. */
function savedUrls(page) {
  return page.evaluate(async () => {
    if (typeof caches !== 'undefined') {
      const c = await caches.open('ess-widgets-feeds-v1');
      return { store: 'cache', urls: (await c.keys()).map((r) => r.url) };
    }
    const db = await new Promise((ok, no) => {
      const r = indexedDB.open('ess-widgets', 1);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    const keys = await new Promise((ok, no) => {
      const r = db.transaction('feeds').objectStore('feeds').getAllKeys();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    db.close();
    return { store: 'indexeddb', urls: keys };
  });
}

for (const { name, host, store, secure } of [
  { name: 'secure origin, Cache API', host: '127.0.0.1', store: 'cache', secure: true },
  { name: 'non-secure origin, IndexedDB', host: 'ess-site.test', store: 'indexeddb', secure: false },
]) {
  test(`offline for real (${name}): 500, a cut-off file, a server down — the last good copy shows with its date`, { timeout: 240_000 }, async () => {
    assert.ok(existsSync(join(DIST, 'ess-widgets.js')), 'the bundle is built (npm run build)');
    const state = { mode: 'ok', hits: [] };
    const feeds = feedServer(state);
    const feedPort = await listen(feeds);
    const feedBase = `http://127.0.0.1:${feedPort}`;
    const site = siteServer(feedBase);
    const sitePort = await listen(site);
    const browser = await puppeteer.launch({
      executablePath: findChrome(),
      headless: true,
      args: [...CHROME_ARGS, '--host-resolver-rules=MAP ess-site.test 127.0.0.1'],
    });
    try {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const before = Date.now();
      await page.goto(`http://${host}:${sitePort}/page.html`);
      const fresh = await shown(page);
      const after = Date.now();
      assert.equal(fresh.secure, secure);
      assert.equal(fresh.hasCaches, secure);
      assert.equal(fresh.finderError, undefined);
      assert.equal(fresh.finderStale, undefined);
      const total = JSON.parse(readFileSync(join(SAMPLE, 'locations.geojson'), 'utf8')).features.length;
      assert.equal(fresh.counter, new Intl.NumberFormat('fr').format(total));
      // Both copies land in the store this origin allows, never in localStorage.
      await page.waitForFunction(
        async (feedBase) => {
          const has = async (u) => {
            if (typeof caches !== 'undefined') return !!(await (await caches.open('ess-widgets-feeds-v1')).match(u));
            const db = await new Promise((ok) => { const r = indexedDB.open('ess-widgets', 1); r.onsuccess = () => ok(r.result); });
            const v = await new Promise((ok) => { const r = db.transaction('feeds').objectStore('feeds').get(u); r.onsuccess = () => ok(r.result); r.onerror = () => ok(undefined); });
            db.close();
            return !!v;
          };
          return (await has(`${feedBase}/feed.json`)) && (await has(`${feedBase}/locations.geojson`));
        },
        { timeout: 30_000, polling: 200 },
        feedBase,
      );
      const saved = await savedUrls(page);
      assert.equal(saved.store, store);
      assert.ok(saved.urls.includes(`${feedBase}/locations.geojson`), JSON.stringify(saved));
      assert.equal(fresh.localStorage, 0);

      for (const mode of ['500', 'truncated', 'down']) {
        state.mode = mode;
        if (mode === 'down') {
          feeds.closeAllConnections();
          await new Promise((ok) => feeds.close(ok));
        }
        await page.reload();
        const r = await shown(page);
        assert.equal(r.finderError, undefined, `${mode}: the finder shows its copy (${r.finderError})`);
        assert.equal(r.counterError, undefined, `${mode}: the counter shows its copy`);
        assert.equal(r.items > 0, true, `${mode}: the finder lists places`);
        assert.equal(r.counter, fresh.counter, `${mode}: the counter shows the saved count`);
        for (const [who, at] of [['finder', r.finderStale], ['counter', r.counterStale]]) {
          assert.ok(at, `${mode}: the ${who} says it shows a saved copy`);
          const t = Date.parse(at);
          assert.ok(t >= before - 1000 && t <= after + 1000, `${mode}: the ${who}'s copy is dated from the first visit (${at})`);
        }
        assert.match(r.staleText, /Copie enregistrée le/);
        // A failure never replaced the copy.
        assert.ok((await savedUrls(page)).urls.includes(`${feedBase}/locations.geojson`));
      }
      assert.ok(state.hits.includes('truncated /locations.geojson'), 'the cut-off file was really served');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      site.closeAllConnections();
      site.close();
      feeds.closeAllConnections?.();
      feeds.close();
    }
  });
}

test('an element whose feed fails while the messages of failures cannot load (offline) says the data cannot be reached, with a retry', { timeout: 120_000 }, async () => {
  assert.ok(existsSync(join(DIST, 'ess-widgets.js')), 'the bundle is built (npm run build)');
  const state = { mode: 'ok', hits: [] };
  const feeds = feedServer(state);
  const feedBase = `http://127.0.0.1:${await listen(feeds)}`;
  // The feed does not exist (404); the site serves the bundle, but not its chunk of failure messages when asked to refuse it.
  let refuse = true;
  const bundle = siteServer(feedBase);
  const site = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/missing.html') return res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html lang="fr"><script type="module" src="/ess-widgets.js"></script><ess-sector-counter feed="${feedBase}/missing.json" stat="jobs"></ess-sector-counter>`);
    if (refuse && /\/chunks\/error-messages-[^/]+\.js$/.test(path)) return req.socket.destroy();
    bundle.emit('request', req, res);
  });
  const sitePort = await listen(site);
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
  const error = async (page) => {
    await page.waitForFunction(() => document.querySelector('ess-sector-counter')?.shadowRoot?.querySelector('[data-state="error"]'), { timeout: 30_000, polling: 100 });
    return page.evaluate(() => {
      const e = document.querySelector('ess-sector-counter').shadowRoot.querySelector('[data-state="error"]');
      return { text: e.querySelector('p').textContent.trim(), button: !!e.querySelector('button') };
    });
  };
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${sitePort}/missing.html`);
    assert.deepEqual(await error(page), { text: 'Les données sont inaccessibles. Vérifiez votre connexion, puis réessayez.', button: true });
    // With the chunk, the precise message.
    refuse = false;
    const again = await browser.newPage();
    await again.goto(`http://127.0.0.1:${sitePort}/missing.html`);
    assert.deepEqual(await error(again), { text: 'Les données n’ont pas pu être chargées (erreur 404).', button: true });
  } finally {
    await browser.close();
    site.closeAllConnections();
    site.close();
    feeds.closeAllConnections();
    feeds.close();
  }
});
