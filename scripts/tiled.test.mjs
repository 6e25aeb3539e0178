// End to end: a directory in range-readable form (ess-feed tile), served by `ess-feed serve`
// (which answers Range requests, as static hosts do), read by the built finder in Chromium.
// 50,000 places (the sample's, repeated around their towns): the page never downloads the
// locations file whole; zoomed out it draws the clusters computed at build time, zoomed in it
// lists the places in view from a few range requests, and a name search finds a place anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome, LOCAL_ONLY } from './find-chrome.mjs';
import { builtEntry } from './embed-server.mjs';
import { tileFeed } from '../packages/feed-cli/src/tile-feed.ts';
import { startServer } from '../packages/feed-cli/src/serve.ts';

const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const SAMPLE = 'demo/feeds/wallonie-bruxelles';
const BUNDLE = 'packages/widgets/dist/cdn';
const N = 30_000;

/** The sample's places, repeated with a seeded jitter of a few hundred metres until there are N. */
function bigFeed(dir) {
  cpSync(SAMPLE, dir, { recursive: true });
  const base = JSON.parse(readFileSync(join(SAMPLE, 'locations.geojson'), 'utf8')).features;
  let seed = 11;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
  const features = [];
  for (let i = 0; features.length < N; i++) {
    const f = base[i % base.length];
    const copy = Math.floor(i / base.length);
    const [x, y] = f.geometry.coordinates;
    features.push(copy ? { ...f, id: `${f.id}-${copy}`, geometry: { type: 'Point', coordinates: [+(x + rnd() * 0.01).toFixed(5), +(y + rnd() * 0.006).toFixed(5)] } } : f);
  }
  writeFileSync(join(dir, 'locations.geojson'), `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`);
  return features;
}

test('tiled directory: clusters, the places in view and a name search, by range requests only', { timeout: 600_000 }, async (t) => {
  const t0 = Date.now();
  const step = (what) => t.diagnostic(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);
  const script = existsSync(join(BUNDLE, builtEntry())) ? join(BUNDLE, builtEntry()) : undefined;
  assert.ok(script, 'the bundle is built (npm run build)');
  const dir = mkdtempSync(join(tmpdir(), 'ess-tiled-'));
  const features = bigFeed(dir);
  step('feed written');
  const report = await tileFeed(join(dir, 'feed.json'));
  step('tiled');
  assert.ok(report.written, report.reason);
  assert.equal(report.count, N);
  cpSync(BUNDLE, join(dir, 'cdn'), { recursive: true });
  const src = `/cdn/${relative(BUNDLE, script)}`;
  writeFileSync(join(dir, 'page.html'), `<!doctype html><html lang="fr"><meta name="viewport" content="width=device-width">
    <style>body{margin:0} ess-shop-finder{--ess-finder-height:760px}</style>
    <script type="module" src="${src}"></script>
    <ess-shop-finder feed="/feed.json" tile-url="${TILE}"></ess-shop-finder>`);
  const server = await startServer(dir, { port: 0 });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const fgbSize = statSync(join(dir, 'locations.fgb')).size;
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: [...CHROME_ARGS, LOCAL_ONLY] });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const errors = [];
    const outside = [];
    const fgb = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const whole = [];
    // (LOCAL_ONLY makes any other host fail to resolve; this counts the attempts.)
    page.on('request', (r) => {
      if (r.url().endsWith('/locations.geojson')) whole.push(r.url());
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url());
    });
    const records = [];
    const bodies = [];
    page.on('response', async (r) => {
      if (r.url().endsWith('/locations.records')) records.push({ status: r.status(), range: r.request().headers().range, bytes: Number(r.headers()['content-length'] ?? 0) });
      if (!r.url().endsWith('/locations.fgb')) return;
      fgb.push({ status: r.status(), range: r.request().headers().range, bytes: Number(r.headers()['content-length'] ?? 0) });
      bodies.push(r.buffer().then((b) => b.toString('latin1'), () => ''));
    });
    const items = () => page.evaluate(() => [...document.querySelector('ess-shop-finder').shadowRoot.querySelectorAll('.list .item')].map((li) => li.dataset.id));
    const listed = async (test, what, ...args) => {
      await page.waitForFunction(test, { timeout: 120_000, polling: 100 }, ...args).catch((e) => assert.fail(`${what} did not show (${e.message})`));
    };

    await page.goto(`${origin}/page.html`);
    step('page loaded');
    await listed(() => {
      const root = document.querySelector('ess-shop-finder')?.shadowRoot;
      return root?.querySelector('.ess-pin.cluster') && root.querySelector('.list .item');
    }, 'the clusters and a first list');
    const first = await page.evaluate(() => ({
      mode: document.querySelector('ess-shop-finder').loadedData.backend.mode,
      clusters: [...document.querySelector('ess-shop-finder').shadowRoot.querySelectorAll('.ess-pin.cluster span')].reduce((n, s) => n + Number(s.textContent), 0),
    }));
    assert.equal(first.mode, 'tiled');
    // Zoomed out, the precomputed clusters stand for (nearly) the whole directory.
    assert.ok(first.clusters > N * 0.5, `clusters count ${first.clusters} of ${N}`);
    step('first view');
    const before = fgb.reduce((n, r) => n + r.bytes, 0);
    assert.ok(fgb.length > 0, 'the first list came from range requests');
    // 206 with its bytes, or 304 when the browser revalidates a range it has cached: never the whole file.
    const ranged = (list) => list.every((r) => (r.status === 206 || r.status === 304) && r.range);
    assert.ok(ranged(fgb), `every read of locations.fgb is a range: ${JSON.stringify(fgb.filter((r) => r.status !== 206 && r.status !== 304).slice(0, 3))}`);
    assert.ok(before < fgbSize / 10, `first view read ${before} of ${fgbSize} bytes`);

    // Zoom into Namur: the list holds the places in view, read by range.
    const namur = features.find((f) => f.properties.address?.locality === 'Namur');
    const [lon, lat] = namur.geometry.coordinates;
    await page.evaluate((c) => {
      const el = document.querySelector('ess-shop-finder');
      el.setAttribute('center', c);
      el.setAttribute('zoom', '15');
    }, `${lat},${lon}`);
    await listed(() => {
      const root = document.querySelector('ess-shop-finder').shadowRoot;
      return !root.querySelector('.ess-pin.cluster') || [...root.querySelectorAll('.ess-pin.cluster span')].every((s) => Number(s.textContent) < 50);
    }, 'the zoomed-in map');
    // The list follows the view: every place listed is near the new centre.
    const byId = new Map(features.map((f) => [f.id, f.geometry.coordinates]));
    await listed((ids, c) => {
      const items = [...document.querySelector('ess-shop-finder').shadowRoot.querySelectorAll('.list .item')];
      const km = ([x, y]) => Math.hypot((x - c[0]) * 71.5, (y - c[1]) * 111.3);
      return items.length > 3 && items.every((li) => ids[li.dataset.id] && km(ids[li.dataset.id]) < 6);
    }, 'the places around Namur', Object.fromEntries(features.filter((f) => Math.abs(f.geometry.coordinates[0] - lon) < 0.2 && Math.abs(f.geometry.coordinates[1] - lat) < 0.2).map((f) => [f.id, f.geometry.coordinates])), [lon, lat]);
    step('zoomed in');
    const near = await items();
    const km = ([x, y]) => Math.hypot((x - lon) * 71.5, (y - lat) * 111.3);
    assert.ok(near.length > 3, `${near.length} places listed`);
    for (const id of near) assert.ok(km(byId.get(id)) < 6, `${id} is ${km(byId.get(id)).toFixed(1)} km from the centre`);
    assert.ok(ranged(fgb), 'still only ranges');

    // The map and the list read what they show, nothing of the details: no phone, e-mail, site,
    // report link or translated name of the places listed is in the bytes of locations.fgb read.
    const read = (await Promise.all(bodies)).join('');
    const source = new Map(features.map((f) => [f.id, f.properties]));
    let looked = 0;
    for (const id of near) {
      const p = source.get(id);
      for (const v of [p.phone, p.email, p.website, p.report, typeof p.name === 'string' ? undefined : p.name.nl]) {
        if (!v) continue;
        looked++;
        assert.equal(read.includes(Buffer.from(v, 'utf8').toString('latin1')), false, `the list's read of locations.fgb carries ${v} (${id})`);
      }
    }
    assert.ok(looked > 3, `${looked} details looked for`);
    assert.deepEqual(records, [], 'the map and the list read nothing of locations.records');

    // A place's detail: the rest of its record, with one small range request of locations.records.
    const chosen = near.find((id) => source.get(id).phone) ?? near[0];
    await page.evaluate((id) => {
      const el = document.querySelector('ess-shop-finder');
      el.addEventListener('ess-location-select', (e) => (window.selected = e.detail.location), { once: true });
      el.shadowRoot.querySelector(`.item[data-id="${CSS.escape(id)}"] .name`).click();
    }, chosen);
    await listed(() => document.querySelector('ess-shop-finder').shadowRoot.querySelector('.detail[aria-busy="false"]') && window.selected, 'the whole detail');
    const selected = await page.evaluate(() => window.selected);
    const want = source.get(chosen);
    for (const k of ['name', 'phone', 'email', 'website', 'report', 'services', 'accessibility', 'labels']) if (want[k] !== undefined) assert.deepEqual(selected[k], want[k], `${chosen}: ${k}`);
    assert.deepEqual(selected.address, want.address, `${chosen}: address`);
    if (want.phone) assert.ok((await page.evaluate(() => document.querySelector('ess-shop-finder').shadowRoot.querySelector('.detail').textContent)).includes(want.phone), 'the detail shows the phone');
    assert.equal(records.length, 1, `one request of locations.records: ${JSON.stringify(records)}`);
    assert.equal(records[0].status, 206);
    assert.match(records[0].range, /^bytes=\d+-\d+$/);
    assert.ok(records[0].bytes > 0 && records[0].bytes < 2048, `the detail read ${records[0].bytes} bytes`);
    await page.evaluate(() => document.querySelector('ess-shop-finder').shadowRoot.querySelector('.detail .back').click());
    step('detail');

    // Panning (the keyboard's Shift+arrows, as a mouse drag would): the list follows the map.
    const [bx, by] = [4.3525, 50.8467];
    await page.evaluate((c) => document.querySelector('ess-shop-finder').setAttribute('center', c), `${by},${bx}`);
    const inBrussels = Object.fromEntries(features.filter((f) => Math.abs(f.geometry.coordinates[0] - bx) < 0.3 && Math.abs(f.geometry.coordinates[1] - by) < 0.2).map((f) => [f.id, f.geometry.coordinates]));
    const nearAll = (ids, c, limit) => {
      const items = [...document.querySelector('ess-shop-finder').shadowRoot.querySelectorAll('.list .item')];
      const km = ([x, y]) => Math.hypot((x - c[0]) * 70.3, (y - c[1]) * 111.3);
      return items.length > 3 && items.every((li) => ids[li.dataset.id] && km(ids[li.dataset.id]) < limit);
    };
    await listed(nearAll, 'the places of central Brussels', inBrussels, [bx, by], 3);
    const central = new Set(await items());
    await page.evaluate(() => document.querySelector('ess-shop-finder').shadowRoot.querySelector('[role="application"]').focus());
    await page.keyboard.down('Shift');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.up('Shift');
    // Ten steps of 120 px at zoom 15 (3.02 m a pixel at this latitude): 3.6 km east.
    const east = [bx + 3.62 / 70.3, by];
    await listed(nearAll, 'the places 3.6 km east', inBrussels, east, 3);
    assert.ok((await items()).some((id) => !central.has(id)), 'the list changed with the view');
    step('panned');

    // A name search finds a place far from the view, from the name index.
    const far = features.find((f) => f.properties.address?.locality === 'Arlon' && f.properties.categories.includes('repair')) ?? features.find((f) => f.properties.address?.locality === 'Arlon');
    const name = typeof far.properties.name === 'string' ? far.properties.name : far.properties.name.fr;
    await page.evaluate((q) => {
      const root = document.querySelector('ess-shop-finder').shadowRoot;
      root.querySelector('input[name="q"]').value = q;
      root.querySelector('form').requestSubmit();
    }, name);
    await listed((q) => [...document.querySelector('ess-shop-finder').shadowRoot.querySelectorAll('.list .item')].some((li) => li.textContent.includes(q)), `the place named "${name}"`, name);
    step('name found');
    const found = await items();
    assert.ok(found.includes(far.id), `${far.id} among ${found.slice(0, 5)}`);

    const total = fgb.reduce((n, r) => n + r.bytes, 0);
    // Ten pans through the densest part of the directory each read the new view: still far from the whole file.
    assert.ok(total < fgbSize / 2, `read ${total} of ${fgbSize} bytes in all`);
    // What was read once is kept: the host is never asked for the same bytes again (views overlap,
    // and every read walks the top of the index).
    const asked = new Map();
    // (The 8-byte probe that the host answers ranges at all is made each time the finder loads the feed.)
    for (const r of fgb) if (r.range !== 'bytes=0-7') asked.set(r.range, (asked.get(r.range) ?? 0) + 1);
    assert.deepEqual([...asked].filter(([, n]) => n > 1), [], 'no range of locations.fgb is requested twice');
    assert.equal(existsSync(join(dir, 'locations.geojson')), true);
    assert.deepEqual(whole, [], 'the GeoJSON file is never downloaded');
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
    console.log(`tiled: ${N} places, locations.fgb ${(fgbSize / 1048576).toFixed(1)} MB; ${fgb.length} range requests, ${(total / 1024).toFixed(0)} KB read in all (first view ${(before / 1024).toFixed(0)} KB); a detail ${records.length} request of locations.records, ${records.reduce((n, r) => n + r.bytes, 0)} bytes`);
  } finally {
    await browser.close();
    server.close();
  }
});
