// End to end, on the built CDN files (npm test builds them first), in headless Chromium: what a
// site that pastes the script tag gets — the loader fetching only the elements present (also
// ones inserted later, and inside a host's shadow roots), two copies on one page, a strict
// Content-Security-Policy, hostile theme CSS, and the SRI snippet the build writes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome, LOCAL_ONLY } from './find-chrome.mjs';
import { builtVersion, serve } from './embed-server.mjs';

const V = builtVersion();
const FEED = '/feeds/wallonie-bruxelles/feed.json';
const TILE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const feed = JSON.parse(readFileSync(`demo${FEED}`, 'utf8'));
const page = (head, body) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>t</title>${head}</head><body>${body}</body></html>`;
const script = (origin = '', path = origin ? `/${V}/ess-widgets.js` : `/cdn/${V}/ess-widgets.js`) => `<script type="module" src="${origin}${path}"></script>`;
/** Every element, the banner on its themed campaign of June 2023. */
const ALL = `<ess-campaign-banner feed="${FEED}" now="2023-06-01T12:00:00Z"></ess-campaign-banner>
<ess-sector-counter feed="${FEED}" stats="jobs,textile-reused"></ess-sector-counter>
<ess-shop-finder feed="${FEED}" tile-url="${TILE}"></ess-shop-finder>
<ess-nearby-points feed="${FEED}" postcode="5000" map tile-url="${TILE}"></ess-nearby-points>`;

const shadow = (tag, sel) => `!!document.querySelector('${tag}')?.shadowRoot?.querySelector('${sel}')`;
const ALL_READY = [
  shadow('ess-campaign-banner', '.banner .close'),
  shadow('ess-sector-counter', '.figure'),
  shadow('ess-shop-finder', '.list .item'),
  shadow('ess-shop-finder', '.ess-pin, .leaflet-marker-icon'),
  shadow('ess-nearby-points', '.results .item'),
  shadow('ess-nearby-points', '.leaflet-container'),
].join(' && ');

let browser;
let cdn;
let site;
const pages = {};
before(async () => {
  assert.ok(existsSync(`packages/widgets/dist/cdn/${V}/ess-widgets.js`), 'the bundle is built (npm run build)');
  // No name resolves but the local ones: a link opened in a new tab goes nowhere outside.
  browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: [...CHROME_ARGS, LOCAL_ONLY] });
  // The second copy: the same files at /copy/, its loader saying another version.
  // /tampered/: a changed entry file, as a compromised host would serve it. /no-cors/: no CORS header.
  cdn = await serve({
    mounts: { '/copy/': 'packages/widgets/dist/cdn', '/tampered/': 'packages/widgets/dist/cdn', '/no-cors/': 'packages/widgets/dist/cdn', '/': 'packages/widgets/dist/cdn' },
    cors: (url) => !url.pathname.startsWith('/no-cors/'),
    rewrite: (url, body) =>
      url.pathname === `/copy/${V}/ess-widgets.js`
        ? Buffer.from(body.toString().replace(`"${V}"`, '"0.0.9-other"'))
        : url.pathname === `/tampered/${V}/ess-widgets.js`
          ? Buffer.concat([body, Buffer.from('\n;console.log("injected");')])
          : body,
  });
  site = await serve({
    pages: new Proxy({}, { get: (_, k) => pages[k]?.html }),
    headers: (url) => (pages[url.pathname]?.csp ? { 'content-security-policy': pages[url.pathname].csp } : {}),
  });
});
after(async () => {
  await browser?.close();
  await cdn?.close();
  await site?.close();
});

/** Opens a page (on the "localhost" origin; the CDN is on 127.0.0.1, another origin). */
async function open(path, html, { csp, viewport = { width: 1280, height: 900 }, reducedMotion = true } = {}) {
  pages[path] = { html, csp };
  const p = await browser.newPage();
  await p.setViewport(viewport);
  if (reducedMotion) await p.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  const log = { errors: [], warnings: [], violations: [], requests: [] };
  p.on('pageerror', (e) => log.errors.push(e.message));
  p.on('console', (m) => (m.type() === 'warn' || m.type() === 'warning') && log.warnings.push(m.text()));
  p.on('request', (r) => log.requests.push(r.url()));
  await p.evaluateOnNewDocument(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }));
    // A script that failed to load (CORS, integrity) fires "error" on its element.
    window.__scriptErrors = [];
    window.addEventListener('error', (e) => e.target instanceof HTMLScriptElement && window.__scriptErrors.push(e.target.src), true);
  });
  await p.goto(`http://localhost:${site.port}${path}`);
  return { p, log };
}

describe('the discovering loader', () => {
  test('a page with a counter fetches the counter only; a banner inserted later and a nearby list inside a host shadow root load on arrival', { timeout: 90_000 }, async () => {
    const { p, log } = await open('/discover.html', page(script(cdn.origin), `<ess-sector-counter feed="${FEED}" stat="jobs"></ess-sector-counter>`));
    try {
      await p.waitForFunction(shadow('ess-sector-counter', '.figure'), { timeout: 30_000 });
      const first = log.requests.filter((u) => u.startsWith(cdn.origin)).map((u) => new URL(u).pathname);
      assert.ok(first.includes(`/${V}/ess-sector-counter.js`));
      assert.deepEqual(first.filter((u) => /ess-(shop-finder|nearby-points|campaign-banner)\.js|leaflet|opening_hours/.test(u)), [], 'nothing of the other elements');
      assert.equal(await p.evaluate(() => !!customElements.get('ess-shop-finder')), false);

      // A page builder inserts a banner a while later.
      await p.evaluate((f) => document.body.insertAdjacentHTML('beforeend', `<div><ess-campaign-banner feed="${f}" now="2023-06-01T12:00:00Z"></ess-campaign-banner></div>`), FEED);
      await p.waitForFunction(shadow('ess-campaign-banner', '.banner .close'), { timeout: 30_000 });

      // A host's own component hands its shadow root over.
      await p.evaluate((f) => {
        const host = document.createElement('div');
        document.body.append(host);
        const root = host.attachShadow({ mode: 'open' });
        window.essWidgets.observe(root);
        root.innerHTML = `<ess-nearby-points feed="${f}" postcode="5000"></ess-nearby-points>`;
        window.__host = host;
      }, FEED);
      await p.waitForFunction(() => !!window.__host.shadowRoot.querySelector('ess-nearby-points')?.shadowRoot?.querySelector('.results .item'), { timeout: 30_000 });
      assert.equal(await p.evaluate(() => !!customElements.get('ess-shop-finder')), false, 'the finder is still not loaded');
      assert.deepEqual(log.errors, []);
      assert.deepEqual(log.warnings.filter((w) => w.includes('ess-widgets')), []);
    } finally {
      await p.close();
    }
  });

  test('two copies: no exception, one warning naming both versions, the second downloads its entry file only', { timeout: 60_000 }, async () => {
    const { p, log } = await open('/two.html', page(script(cdn.origin) + script(cdn.origin, `/copy/${V}/ess-widgets.js`), `<ess-sector-counter feed="${FEED}" stat="jobs"></ess-sector-counter>`));
    try {
      await p.waitForFunction(shadow('ess-sector-counter', '.figure'), { timeout: 30_000 });
      await p.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/copy/')));
      assert.deepEqual(log.errors, []);
      const ours = log.warnings.filter((w) => w.includes('ess-widgets'));
      assert.equal(ours.length, 1, ours.join('\n'));
      assert.ok(ours[0].includes(V) && ours[0].includes('0.0.9-other'), ours[0]);
      assert.deepEqual(log.requests.filter((u) => u.includes('/copy/')).map((u) => new URL(u).pathname), [`/copy/${V}/ess-widgets.js`]);
    } finally {
      await p.close();
    }
  });
});

describe('a strict Content-Security-Policy', () => {
  // A module worker's imports are fetched as "worker" (HTML: fetch a module worker script graph),
  // so the blob: worker importing the CDN's worker file needs the script host in worker-src too.
  const policy = (scriptHost = '', blob = ' blob:') =>
    `default-src 'self'; script-src 'self'${scriptHost}; style-src 'self'; img-src 'self' data:; connect-src 'self'${scriptHost}; worker-src 'self'${blob}${scriptHost}`;
  const colours = () =>
    `(() => {
      const f = document.querySelector('ess-shop-finder');
      const chips = [...f.shadowRoot.querySelectorAll('.list .cat')].map((c) => [c.textContent, getComputedStyle(c).getPropertyValue('--_c').trim()]);
      const b = document.querySelector('ess-campaign-banner').shadowRoot.querySelector('.banner');
      return { chips, banner: getComputedStyle(b).backgroundColor, mode: f.loadedData.backend.mode, violations: window.__violations };
    })()`;
  const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
  const bulle = feed.campaigns.find((c) => c.id === 'bulle').theme.background;
  const colourOf = Object.fromEntries(feed.categories.map((c) => [c.label.fr ?? c.label, c.color]));

  function checkColours(r) {
    assert.ok(r.chips.length > 0, 'the list shows category chips');
    for (const [label, c] of r.chips) assert.equal(c, colourOf[label], `chip "${label}" has its colour`);
    assert.equal(r.banner, rgb(bulle), 'the banner has its theme');
  }

  test('every element, same-origin script: every colour and theme, zero violations', { timeout: 90_000 }, async () => {
    const { p, log } = await open('/csp-self.html', page(script(), ALL), { csp: policy() });
    // The page's own origin serves the CDN files too (as a self-hosted copy).
    try {
      await p.waitForFunction(ALL_READY, { timeout: 60_000, polling: 200 });
      const r = await p.evaluate(colours());
      checkColours(r);
      assert.equal(r.mode, 'worker');
      assert.deepEqual(r.violations, []);
      assert.deepEqual(log.errors, []);
    } finally {
      await p.close();
    }
  });

  test('script from another origin: the blob: worker under worker-src blob:, zero violations; without blob: one refused worker, indexed on the page', { timeout: 120_000 }, async () => {
    const host = ` ${cdn.origin}`;
    {
      const { p, log } = await open('/csp-cdn.html', page(script(cdn.origin), ALL), { csp: policy(host) });
      try {
        await p.waitForFunction(ALL_READY, { timeout: 60_000, polling: 200 });
        const r = await p.evaluate(colours());
        checkColours(r);
        assert.equal(r.mode, 'blob');
        assert.deepEqual(r.violations, []);
        assert.deepEqual(log.errors, []);
      } finally {
        await p.close();
      }
    }
    {
      const { p, log } = await open('/csp-noblob.html', page(script(cdn.origin), ALL), { csp: policy(host, '') });
      try {
        await p.waitForFunction(ALL_READY, { timeout: 60_000, polling: 200 });
        const r = await p.evaluate(colours());
        checkColours(r);
        assert.equal(r.mode, 'main');
        assert.equal(r.violations.length, 1, JSON.stringify(r.violations));
        assert.equal(r.violations[0].directive, 'worker-src');
        assert.equal(r.violations[0].blocked, 'blob');
        assert.deepEqual(log.errors, []);
      } finally {
        await p.close();
      }
    }
  });
});

describe('hostile host CSS', () => {
  // A theme as page builders ship them: root font size for rem maths, content-box everywhere,
  // !important rules on common tags, inherited text settings, and the elements' display changed.
  const HOSTILE = `html{font-size:62.5%}
*{box-sizing:content-box!important}
body{line-height:1.9;letter-spacing:.04em;word-spacing:.3em}
div{line-height:2.3!important;padding:.3em!important;margin:0 0 1em!important;text-align:center!important;text-transform:uppercase!important}
button{padding:20px!important;border:5px solid red!important;min-height:60px!important;font-size:22px!important;background:pink!important}
img{max-width:100%!important;height:auto!important;border:4px solid red!important;display:block!important}
a{color:red!important;text-decoration:none!important;font-weight:700!important;padding:4px!important}
ul,ol{list-style:square!important;padding-left:3em!important;margin:2em!important}
li{margin:1em 0!important;white-space:nowrap!important}
ess-shop-finder,ess-nearby-points{display:inline}
ess-sector-counter,ess-campaign-banner{display:contents!important}`;
  const BLANK = 'html{font-size:62.5%}';
  const body = `<div class="wrap" style="width:800px">${ALL}</div>`;
  const style = (css) => `<style>${css}</style>${script()}`;
  /** Each element's box and every [part] inside it, relative to the element, to the half pixel. */
  const geometry = () => {
    const r2 = (n) => Math.round(n * 2) / 2;
    return ['ess-campaign-banner', 'ess-sector-counter', 'ess-shop-finder', 'ess-nearby-points'].map((tag) => {
      const el = document.querySelector(tag);
      const h = el.getBoundingClientRect();
      // Parts drawn with a size (a visually hidden live region has none to compare).
      const parts = [...el.shadowRoot.querySelectorAll('[part]')].filter((p) => p.getBoundingClientRect().width > 1).map((p) => {
        const b = p.getBoundingClientRect();
        return `${p.getAttribute('part')} ${r2(b.left - h.left)},${r2(b.top - h.top)} ${r2(b.width)}x${r2(b.height)}`;
      });
      return { tag, box: `${r2(h.width)}x${r2(h.height)}`, parts };
    });
  };

  test('every element has the same geometry as on a blank page (same root font size)', { timeout: 120_000 }, async () => {
    const shots = process.env.EMBED_SHOTS;
    const measure = async (name, css) => {
      const { p, log } = await open(`/${name}.html`, page(style(css), body));
      try {
        await p.waitForFunction(ALL_READY, { timeout: 60_000, polling: 200 });
        // The finder's list and the map settle: wait until two measurements a frame apart agree.
        let g = await p.evaluate(geometry);
        for (let i = 0; i < 50; i++) {
          await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const next = await p.evaluate(geometry);
          if (JSON.stringify(next) === JSON.stringify(g)) break;
          g = next;
        }
        if (shots) await p.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
        assert.deepEqual(log.errors, []);
        return g;
      } finally {
        await p.close();
      }
    };
    const blank = await measure('blank', BLANK);
    const hostile = await measure('hostile', HOSTILE);
    for (const [i, b] of blank.entries()) {
      assert.ok(b.parts.length > 2, `${b.tag} draws parts`);
      assert.deepEqual(hostile[i], b, `${b.tag}: the same geometry under hostile CSS`);
    }
  });
});

describe('versioned, verifiable files', () => {
  const snippet = () => readFileSync(`packages/widgets/dist/cdn/${V}/snippet.html`, 'utf8');
  const FALLBACK = '7 900 personnes actives dans la réutilisation';
  const counter = `<ess-sector-counter feed="${FEED}" stat="jobs">${FALLBACK}</ess-sector-counter>`;

  test('the snippet the build writes carries each file\'s sha384 and crossorigin, and runs from another origin', { timeout: 60_000 }, async () => {
    const integrity = JSON.parse(readFileSync(`packages/widgets/dist/cdn/${V}/integrity.json`, 'utf8'));
    for (const [file, hash] of Object.entries(integrity)) {
      assert.equal(hash, `sha384-${createHash('sha384').update(readFileSync(`packages/widgets/dist/cdn/${V}/${file}`)).digest('base64')}`, file);
    }
    const tag = snippet().split('\n').find((l) => l.includes(`/${V}/ess-widgets.js`));
    assert.match(tag, /integrity="sha384-[A-Za-z0-9+/=]{64}" crossorigin="anonymous"/);
    const { p, log } = await open('/sri.html', page(tag.replace('https://YOUR-CDN/ess-widgets', cdn.origin), counter));
    try {
      await p.waitForFunction(shadow('ess-sector-counter', '.figure'), { timeout: 30_000 });
      assert.deepEqual(log.errors, []);
    } finally {
      await p.close();
    }
  });

  test('a changed file is refused (integrity), and a script host without CORS runs nothing: the fallback text stays', { timeout: 60_000 }, async () => {
    const tag = snippet().split('\n').find((l) => l.includes(`/${V}/ess-widgets.js`));
    for (const [name, src] of [['tampered', tag.replace('https://YOUR-CDN/ess-widgets', `${cdn.origin}/tampered`)], ['no-cors', script(cdn.origin, `/no-cors/${V}/ess-widgets.js`)]]) {
      const { p, log } = await open(`/${name}.html`, page(src, counter));
      try {
        await p.waitForFunction(() => window.__scriptErrors.length > 0, { timeout: 30_000 });
        const r = await p.evaluate(() => ({ defined: !!customElements.get('ess-sector-counter'), text: document.querySelector('ess-sector-counter').innerText.trim(), loader: !!window.essWidgets }));
        assert.deepEqual(r, { defined: false, text: FALLBACK, loader: false }, name);
        assert.equal(log.requests.filter((u) => u.includes('ess-sector-counter.js')).length, 0, name);
      } finally {
        await p.close();
      }
    }
  });
});

describe('the embed page, for sites that strip scripts', () => {
  const SANDBOX = 'allow-scripts allow-popups allow-popups-to-escape-sandbox';
  const host = (src) =>
    page(`<script src="/embed-host.js" defer></script>`, `<p>Before</p><iframe data-ess-embed title="ESS" sandbox="${SANDBOX}" style="width:600px;height:50px;border:0" src="${src}"></iframe><p>After</p>`);

  test('a sandboxed iframe shows the element with every option from its address; the host script sizes it from messages it checks', { timeout: 60_000 }, async () => {
    const stat = feed.stats.find((s) => s.id === 'jobs');
    const src = `${cdn.origin.replace(String(cdn.port), String(site.port))}/embed.html?widget=sector-counter&feed=${encodeURIComponent(FEED)}&stat=jobs&lang=nl&id=figures&style=${encodeURIComponent('--ess-color-accent:#6a1b9a')}`;
    const { p, log } = await open('/host.html', host(src));
    try {
      await p.evaluate(() => {
        window.__heights = [];
        const f = document.querySelector('iframe');
        new MutationObserver(() => window.__heights.push(f.style.height)).observe(f, { attributes: true, attributeFilter: ['style'] });
      });
      const frame = await (await p.waitForSelector('iframe')).contentFrame();
      await frame.waitForFunction(shadow('ess-sector-counter', '.figure'), { timeout: 30_000 });
      const inside = await frame.evaluate(() => {
        const el = document.querySelector('ess-sector-counter');
        return { lang: document.documentElement.lang, label: el.shadowRoot.querySelector('.label').textContent, accent: getComputedStyle(el).getPropertyValue('--ess-color-accent'), height: Math.ceil(document.documentElement.getBoundingClientRect().height), origin: origin };
      });
      assert.equal(inside.lang, 'nl');
      assert.equal(inside.label, stat.label.nl);
      assert.equal(inside.accent, '#6a1b9a');
      assert.equal(inside.origin, 'null', 'the frame is sandboxed');
      await p.waitForFunction((h) => document.querySelector('iframe').style.height === `${h}px`, { timeout: 10_000 }, inside.height);

      // Not believed: the host page's own window, a message of another shape. Then a good one.
      await p.evaluate(() => window.postMessage({ type: 'ess-embed:size', id: 'figures', height: 5 }, '*'));
      await frame.evaluate(() => {
        parent.postMessage({ type: 'ess-embed:size', id: 'figures', height: 6, extra: true }, '*');
        parent.postMessage({ type: 'ess-embed:size', id: 'figures', height: '7' }, '*');
        parent.postMessage({ type: 'ess-embed:size', id: 'figures', height: 321 }, '*');
      });
      await p.waitForFunction(() => document.querySelector('iframe').style.height === '321px', { timeout: 10_000 });
      const seen = await p.evaluate(() => window.__heights);
      assert.ok(!seen.some((h) => ['5px', '6px', '7px'].includes(h)), seen.join(' '));
      assert.deepEqual(log.errors, []);
    } finally {
      await p.close();
    }
  });

  test('links in the embed open a new tab; a wrong widget name is said in the page\'s language', { timeout: 60_000 }, async () => {
    const base = cdn.origin.replace(String(cdn.port), String(site.port));
    const { p } = await open('/host-links.html', host(`${base}/embed.html?widget=campaign-banner&feed=${encodeURIComponent(FEED)}&now=2023-06-01T12:00:00Z`));
    try {
      const frame = await (await p.waitForSelector('iframe')).contentFrame();
      await frame.waitForFunction(shadow('ess-campaign-banner', '.banner .cta'), { timeout: 30_000 });
      const opened = browser.waitForTarget((t) => t.opener() !== undefined && t.type() === 'page', { timeout: 10_000 });
      await frame.evaluate(() => document.querySelector('ess-campaign-banner').shadowRoot.querySelector('.cta').click());
      const target = await opened;
      assert.equal(target.url(), new URL(feed.campaigns.find((c) => c.id === 'bulle').cta.url, `${base}${FEED}`).href);
      assert.ok(frame.url().includes('/embed.html'), 'the frame stays on the embed page');
      (await target.page())?.close();
    } finally {
      await p.close();
    }
    const { p: p2 } = await open('/host-bad.html', host(`${base}/embed.html?widget=map-of-everything&lang=de`));
    try {
      const frame = await (await p2.waitForSelector('iframe')).contentFrame();
      await frame.waitForFunction(() => document.getElementById('embed-message').textContent.length > 0);
      assert.match(await frame.evaluate(() => document.getElementById('embed-message').textContent), /^Parameter widget= fehlt oder ist unbekannt; mögliche Werte: shop-finder, nearby-points, campaign-banner, sector-counter$/);
    } finally {
      await p2.close();
    }
  });
});

describe('third parties', () => {
  test('list-only finder and nearby points without a map: no request leaves the page\'s own hosts, even with the default tiles', { timeout: 60_000 }, async () => {
    const { p, log } = await open(
      '/list-only.html',
      page(script(), `<ess-shop-finder feed="${FEED}" list-only></ess-shop-finder><ess-nearby-points feed="${FEED}" postcode="5000"></ess-nearby-points>`),
    );
    try {
      await p.waitForFunction(`${shadow('ess-shop-finder', '.list .item')} && ${shadow('ess-nearby-points', '.results .item')}`, { timeout: 60_000, polling: 200 });
      // The finder's first items are listed, the nearby points drawn: now the list scrolls into its next page.
      await p.evaluate(() => document.querySelector('ess-shop-finder').shadowRoot.querySelector('.list-pane').scrollTo(0, 1e6));
      await p.waitForNetworkIdle({ idleTime: 300, timeout: 30_000 });
      const hosts = [...new Set(log.requests.map((u) => new URL(u).host))];
      assert.deepEqual(hosts, [`localhost:${site.port}`]);
      assert.deepEqual(log.requests.filter((u) => /leaflet/.test(u)), [], 'no map code either');
      const r = await p.evaluate(() => ({ map: !!document.querySelector('ess-shop-finder').shadowRoot.querySelector('.map, .toggle'), attribution: document.querySelector('ess-shop-finder').shadowRoot.textContent.includes('OpenStreetMap') }));
      assert.deepEqual(r, { map: false, attribution: false });
    } finally {
      await p.close();
    }
  });
});

describe('the configurator', () => {
  test('each snippet it writes, pasted into a blank page on another origin, renders the element it shows', { timeout: 120_000 }, async () => {
    const { p, log } = await open('/unused.html', '');
    await p.goto(`http://localhost:${site.port}/configurator.html`);
    let s;
    try {
      await p.waitForFunction(() => window.essConfigurator, { timeout: 30_000 });
      await p.evaluate(() => window.essConfigurator.ready);
      // A finder in Dutch, two categories the feed offers, list only, own accent colour.
      await p.evaluate(() => {
        const f = document.getElementById('cfg');
        f.lang.value = 'nl';
        f.lang.dispatchEvent(new Event('change', { bubbles: true }));
        for (const v of ['shop', 'repair']) f.querySelector(`[name="categories"][value="${v}"]`).click();
        f.querySelector('[name="list-only"]').click();
        f.colours.click();
        const accent = f.elements['--ess-color-accent'];
        accent.value = '#6a1b9a';
        accent.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await p.waitForFunction(() => document.querySelector('#preview ess-shop-finder')?.shadowRoot?.querySelector('.list .item'), { timeout: 60_000 });
      s = await p.evaluate(() => ({ ...window.essConfigurator.snippets(), preview: document.querySelector('#preview ess-shop-finder').shadowRoot.querySelector('.list-heading').textContent, outScript: document.getElementById('out-script').value }));
      assert.equal(s.outScript, s.script);
      assert.deepEqual(log.errors, []);
    } finally {
      await p.close();
    }
    const want = feed.categories.filter((c) => ['shop', 'repair'].includes(c.id)).length;
    assert.equal(want, 2);
    assert.match(s.script, /integrity="sha384-/);

    // 1. Script and element, on 127.0.0.1 (another origin than the configurator's localhost).
    const other = `http://127.0.0.1:${site.port}`;
    const heading = async (frameOrPage) => {
      await frameOrPage.waitForFunction(() => document.querySelector('ess-shop-finder')?.shadowRoot?.querySelector('.list .item'), { timeout: 60_000 });
      return frameOrPage.evaluate(() => {
        const el = document.querySelector('ess-shop-finder');
        return { heading: el.shadowRoot.querySelector('.list-heading').textContent, categories: el.getAttribute('categories'), lang: el.getAttribute('lang'), map: !!el.shadowRoot.querySelector('.map'), accent: getComputedStyle(el).getPropertyValue('--ess-color-accent').trim() };
      });
    };
    const expected = { heading: s.preview, categories: 'shop,repair', lang: 'nl', map: false, accent: '#6a1b9a' };
    pages['/paste-script.html'] = { html: page('', s.script) };
    const a = await browser.newPage();
    try {
      await a.goto(`${other}/paste-script.html`);
      assert.deepEqual(await heading(a), expected);
    } finally {
      await a.close();
    }

    // 2. The iframe.
    pages['/paste-iframe.html'] = { html: page('', s.iframe) };
    const b = await browser.newPage();
    try {
      await b.goto(`${other}/paste-iframe.html`);
      const frame = await (await b.waitForSelector('iframe')).contentFrame();
      assert.deepEqual(await heading(frame), expected);
    } finally {
      await b.close();
    }

    // 3. WordPress: the shortcode and the block carry the same attributes as the element
    // (the plugin, packages/wordpress, turns them into it); the element they describe renders.
    const m = s.shortcode.match(/^\[ess_shop_finder((?: [a-z_]+(?:="[^"]*")?)*)\]$/);
    assert.ok(m, s.shortcode);
    const fromShortcode = [...m[1].matchAll(/ ([a-z_]+)(?:="([^"]*)")?/g)].map(([, k, v]) => [k.replace(/_/g, '-'), v ?? true]);
    assert.deepEqual(fromShortcode, s.attrs);
    const bm = s.block.match(/^<!-- wp:ess-widgets\/shop-finder (\{.*\}) \/-->$/);
    assert.ok(bm, s.block);
    const fromBlock = Object.entries(JSON.parse(bm[1])).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), v]);
    assert.deepEqual(fromBlock, s.attrs);
    const markup = `<ess-shop-finder${fromShortcode.map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${v}"`)).join('')}></ess-shop-finder>`;
    pages['/paste-wp.html'] = { html: page(script(), markup) };
    const c = await browser.newPage();
    try {
      await c.goto(`${other}/paste-wp.html`);
      assert.deepEqual({ ...(await heading(c)), accent: '#6a1b9a' }, expected, 'colours are set in WordPress by the theme, not the shortcode');
    } finally {
      await c.close();
    }
  });
});
