// End to end, as an application developer gets the packages: `npm pack` the three packages,
// install the tarballs in a fresh app, build it with Vite 7, esbuild and webpack 5 (and the React
// and Vue examples with Vite), serve each build on 127.0.0.1 and load it in headless Chromium:
// every element renders from the sample feed and the finder indexes in its module worker.
//
// The app's other dependencies (lit, leaflet, react, the bundlers…) are the repository's own
// installed copies, linked into the app's node_modules: the test needs no network, and the
// versions are the lockfile's. Each tarball is checked to declare every package its files import.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['core', 'widgets', 'feed-cli'];
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/geo+json', '.html': 'text/html', '.svg': 'image/svg+xml', '.png': 'image/png' };
const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

// Golden figures, from the sample feed itself.
const feedDir = join(repo, 'demo/feeds/wallonie-bruxelles');
const feed = JSON.parse(readFileSync(join(feedDir, 'feed.json'), 'utf8'));
const locationCount = JSON.parse(readFileSync(join(feedDir, 'locations.geojson'), 'utf8')).features.length;
const jobs = feed.stats.find((s) => s.id === 'jobs');
const campaign = feed.campaigns.at(-1);
const campaignNow = new Date((Date.parse(campaign.start) + Date.parse(campaign.end)) / 2).toISOString();
export const EXPECTED = {
  finderHeading: `${new Intl.NumberFormat('en').format(locationCount)} locations`,
  mode: 'worker',
  nearbyItems: 3,
  counterHas: new Intl.NumberFormat('en').format(jobs.value),
  bannerTitle: campaign.title.en,
};

/** The page body every plain app shows: the four elements, in English, on the sample feed. */
export const ELEMENTS_HTML = `
  <ess-campaign-banner feed="/feeds/wallonie-bruxelles/feed.json" lang="en" campaign="${campaign.id}" now="${campaignNow}"></ess-campaign-banner>
  <ess-sector-counter feed="/feeds/wallonie-bruxelles/feed.json" lang="en" stat="${jobs.id}"></ess-sector-counter>
  <ess-shop-finder feed="/feeds/wallonie-bruxelles/feed.json" lang="en" tile-url="${TILE}"></ess-shop-finder>
  <ess-nearby-points feed="/feeds/wallonie-bruxelles/feed.json" lang="en" postcode="5000" limit="3"></ess-nearby-points>`;

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

let work;
let app;
const packed = {};

before(() => {
  assert.ok(existsSync(join(repo, 'packages/widgets/dist/index.js')), 'the packages are built (npm run build)');
  work = mkdtempSync(join(tmpdir(), 'ess-consumer-'));
  app = join(work, 'app');
  const modules = join(app, 'node_modules');
  mkdirSync(join(modules, '@ess-widgets'), { recursive: true });
  for (const name of PACKAGES) {
    // npm pack runs the package's prepack/postpack scripts, as a publish does.
    const [info] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work, '-w', `packages/${name}`], { cwd: repo }).replace(/^[^[]*/, ''));
    packed[name] = info;
    const dest = join(modules, '@ess-widgets', name);
    mkdirSync(dest, { recursive: true });
    run('tar', ['-xzf', join(work, info.filename), '-C', dest, '--strip-components=1']);
  }
  for (const entry of readdirSync(join(repo, 'node_modules'))) {
    if (entry.startsWith('.') || entry === '@ess-widgets') continue;
    symlinkSync(join(repo, 'node_modules', entry), join(modules, entry));
  }
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer-app', private: true, type: 'module' }, null, 2));
});

after(() => {
  if (work && !process.env.ESS_KEEP_CONSUMER) rmSync(work, { recursive: true, force: true });
});

test('each tarball: a published package.json without the repository-only condition, every export shipped, every import declared', () => {
  for (const name of PACKAGES) {
    const dir = join(app, 'node_modules/@ess-widgets', name);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    assert.doesNotMatch(JSON.stringify(pkg.exports), /ess-source|\/src\//, `${name}: exports name no unshipped source`);
    const targets = [];
    const gather = (v) => (typeof v === 'string' ? targets.push(v) : Object.values(v ?? {}).forEach(gather));
    gather(pkg.exports);
    for (const target of targets) assert.ok(existsSync(join(dir, target)), `${name}: export target ${target} is in the tarball`);
    const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
    const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? (f === 'cdn' ? [] : walk(join(d, f))) : [join(d, f)]));
    for (const file of walk(join(dir, 'dist')).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(file, 'utf8');
      const specs = [
        ...code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
        ...code.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
        ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
      ].map((m) => m[1]);
      assert.ok(!file.endsWith('/index.js') || specs.length, `${name}: imports found in ${file}`);
      for (const spec of specs.filter((s) => !s.startsWith('.'))) {
        if (spec.startsWith('node:')) continue;
        const pkgName = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        assert.ok(declared.has(pkgName), `${name}: ${file.slice(dir.length)} imports ${spec}, which package.json does not declare`);
      }
    }
  }
});

test('the ess-feed command from its tarball answers --help', () => {
  const out = spawnSync(process.execPath, [join(app, 'node_modules/@ess-widgets/feed-cli/bin/ess-feed.js'), '--help'], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  assert.match(out.stdout, /ess-feed/);
});

// ---------------------------------------------------------------------------------------------
// The apps. Each writes a static site into out/<name>/, served under /<name>/.

const out = (name) => join(work, 'out', name);
const MAIN_JS = `import '@ess-widgets/widgets';\n`;
const page = (script, { module = true } = {}) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>consumer</title>
  <script ${module ? 'type="module" ' : ''}src="${script}"></script></head><body>${ELEMENTS_HTML}</body></html>`;

async function buildVite() {
  const { build } = await import('vite');
  const root = join(app, 'vite');
  mkdirSync(join(root, 'src'), { recursive: true });
  writeFileSync(join(root, 'src/main.js'), MAIN_JS);
  writeFileSync(join(root, 'index.html'), page('./src/main.js'));
  // The finder's worker loads the opening-hours library on demand (a code-split worker): Vite needs
  // `worker.format: 'es'` for that, as docs/frameworks.md says.
  await build({ root, configFile: false, base: './', logLevel: 'warn', worker: { format: 'es' }, build: { outDir: out('vite'), emptyOutDir: true } });
}

async function buildEsbuild() {
  const { build } = await import('esbuild');
  const root = join(app, 'esbuild');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'main.js'), MAIN_JS);
  // esbuild does not follow new URL('./x.js', import.meta.url): the worker is a second entry
  // point, written beside the code that starts it (docs/frameworks.md).
  await build({
    absWorkingDir: root,
    entryPoints: [{ in: './main.js', out: 'main' }, { in: '@ess-widgets/widgets/shop-finder/finder.worker.js', out: 'finder.worker' }],
    bundle: true, splitting: true, format: 'esm', minify: true, outdir: out('esbuild'), logLevel: 'warning',
  });
  writeFileSync(join(out('esbuild'), 'index.html'), page('./main.js'));
}

async function buildWebpack() {
  const { default: webpack } = await import('webpack');
  const root = join(app, 'webpack');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'main.js'), MAIN_JS);
  const stats = await new Promise((ok, no) =>
    webpack({ mode: 'production', context: root, entry: './main.js', output: { path: out('webpack'), filename: 'main.js', clean: true }, optimization: { minimize: false }, performance: { hints: false } }, (err, s) => (err ? no(err) : ok(s))),
  );
  if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
  writeFileSync(join(out('webpack'), 'index.html'), page('./main.js', { module: false }));
}

/** A repository example (packages/widgets/examples/<name>), copied into the app and built by its own vite.config. */
async function buildExample(name) {
  const { build } = await import('vite');
  const root = join(app, name);
  cpSync(join(repo, 'packages/widgets/examples', name), root, { recursive: true, filter: (src) => !src.includes('node_modules') && !src.endsWith('/dist') });
  // What the test needs and a site would not set: no tile server, a date within the campaign.
  Object.assign(process.env, { VITE_ESS_FEED: '/feeds/wallonie-bruxelles/feed.json', VITE_ESS_TILE_URL: TILE, VITE_ESS_NOW: campaignNow });
  try {
    await build({ root, configFile: join(root, 'vite.config.ts'), base: './', publicDir: false, logLevel: 'warn', build: { outDir: out(name), emptyOutDir: true } });
  } finally {
    for (const k of ['VITE_ESS_FEED', 'VITE_ESS_TILE_URL', 'VITE_ESS_NOW']) delete process.env[k];
  }
  return root;
}

/** Type-checks an example with the published types; then a file with mistakes must fail. */
function typeCheck(name, checker, badFile, badSource, mistakes) {
  const root = join(app, name);
  const tsc = (args) => spawnSync(process.execPath, [join(repo, 'node_modules', checker), '-p', join(root, 'tsconfig.json'), '--noEmit', ...args], { cwd: root, encoding: 'utf8' });
  const good = tsc([]);
  assert.equal(good.status, 0, `${name}: the example type-checks against the published types:\n${good.stdout}${good.stderr}`);
  writeFileSync(join(root, 'src', badFile), badSource);
  try {
    const bad = tsc([]);
    assert.notEqual(bad.status, 0, `${name}: a misspelt property and a wrong event detail fail to compile`);
    for (const m of mistakes) assert.match(bad.stdout, m, `${name}: the checker names ${m}`);
  } finally {
    rmSync(join(root, 'src', badFile));
  }
}

function serve() {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/favicon.ico') return res.writeHead(204).end();
    const [, top, ...rest] = path.split('/');
    const base = top === 'feeds' ? join(repo, 'demo/feeds') : out(top);
    let file = normalize(join(base, rest.join('/')));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(base) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** What a visitor sees of the four elements, once each has rendered. */
async function elementsOf(pageHandle) {
  await pageHandle.waitForFunction(
    () => {
      const sr = (t) => document.querySelector(t)?.shadowRoot;
      return sr('ess-shop-finder')?.querySelector('.list .item') && document.querySelector('ess-shop-finder').loadedData?.backend
        && sr('ess-nearby-points')?.querySelector('.results .item')
        && /\d/.test(sr('ess-sector-counter')?.querySelector('.figure')?.textContent ?? '')
        && sr('ess-campaign-banner')?.querySelector('.title');
    },
    { timeout: 240_000, polling: 200 },
  );
  return pageHandle.evaluate(() => {
    const sr = (t) => document.querySelector(t).shadowRoot;
    return {
      finderHeading: sr('ess-shop-finder').querySelector('.list-heading')?.textContent.trim(),
      mode: document.querySelector('ess-shop-finder').loadedData.backend.mode,
      nearbyItems: sr('ess-nearby-points').querySelectorAll('.results .item').length,
      counter: sr('ess-sector-counter').querySelector('.figure').textContent,
      bannerTitle: sr('ess-campaign-banner').querySelector('.title').textContent.trim(),
    };
  });
}

function assertElements(seen, where) {
  assert.equal(seen.finderHeading, EXPECTED.finderHeading, `${where}: the finder lists every location`);
  assert.equal(seen.mode, EXPECTED.mode, `${where}: the finder indexes in its module worker`);
  assert.equal(seen.nearbyItems, EXPECTED.nearbyItems, `${where}: the nearest points are listed`);
  assert.ok(seen.counter.includes(EXPECTED.counterHas), `${where}: the counter shows ${EXPECTED.counterHas} (saw "${seen.counter}")`);
  assert.equal(seen.bannerTitle, EXPECTED.bannerTitle, `${where}: the banner shows the campaign`);
}

test('apps built with Vite 7, esbuild, webpack 5, and the React and Vue examples, from the tarballs, work in Chromium', { timeout: 1_200_000 }, async (t) => {
  const all = { vite: buildVite, esbuild: buildEsbuild, webpack: buildWebpack, react: () => buildExample('react'), vue: () => buildExample('vue') };
  // ESS_CONSUMER_ONLY=esbuild,react: only those apps (while working on one; npm test runs all).
  const only = process.env.ESS_CONSUMER_ONLY?.split(',');
  const builds = Object.fromEntries(Object.entries(all).filter(([n]) => !only || only.includes(n)));
  const server = await serve();
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
  try {
    for (const [name, buildApp] of Object.entries(builds)) {
      await t.test(name, async () => {
        await buildApp();
        const p = await browser.newPage();
        const errors = [];
        p.on('pageerror', (e) => errors.push(e.message));
        p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        try {
          await p.goto(`http://127.0.0.1:${server.address().port}/${name}/`);
          assertElements(await elementsOf(p), name);
          if (FRAMEWORK_CHECKS[name]) await FRAMEWORK_CHECKS[name](p);
          assert.deepEqual(errors, [], `${name}: no error in the page`);
        } finally {
          await p.close();
        }
      });
    }
  } finally {
    await browser.close();
    server.close();
  }
});

// The React and Vue examples set properties and listen to events: each shows what it heard.
const FRAMEWORK_CHECKS = {
  async react(p) {
    await frameworkRoundTrip(p, 'react');
    typeCheck('react', 'typescript/bin/tsc', 'Mistakes.tsx',
      `export const a = <ess-shop-finder categoriez="shop" />;\nexport const b = <ess-shop-finder onEssLocationSelect={(e) => e.detail.nope} />;\nexport const c = <ess-nearby-points limit="three" />;\n`,
      [/categoriez/, /nope/, /Mistakes\.tsx\(3,/]);
  },
  async vue(p) {
    await frameworkRoundTrip(p, 'vue');
    typeCheck('vue', 'vue-tsc/bin/vue-tsc.js', 'Mistakes.vue',
      `<script setup lang="ts">\nimport type { EssEvent } from '@ess-widgets/widgets/elements';\nconst f = (e: EssEvent<'ess-location-select'>) => e.detail.nope;\n</script>\n<template><ess-shop-finder :zoom="'eight'" @ess-location-select="f" /></template>\n`,
      [/nope/, /zoom|string.*number/]);
  },
};

/**
 * Picks a location in the finder: the app's own text must show its id (the element's event
 * reached the framework's handler); the zoom was set as a property (a number, no attribute).
 */
async function frameworkRoundTrip(p, name) {
  const id = await p.evaluate(() => {
    const item = document.querySelector('ess-shop-finder').shadowRoot.querySelector('.list .item');
    item.querySelector('button.name').click();
    return item.dataset.id;
  });
  await p.waitForFunction((want) => document.querySelector('#selected')?.textContent.trim() === want, { timeout: 60_000, polling: 100 }, id);
  const zoom = await p.evaluate(() => {
    const f = document.querySelector('ess-shop-finder');
    return { value: f.zoom, attribute: f.hasAttribute('zoom') };
  });
  assert.deepEqual(zoom, { value: 8, attribute: false }, `${name}: zoom is set as a property`);
}
