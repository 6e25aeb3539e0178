// States of the finder and nearby points at 390 and 1280 px, in fr and nl, written to /tmp/i12-shots.
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { CHROME_ARGS, findChrome } from '/work/wt/i12-visitor/scripts/find-chrome.mjs';

process.chdir('/work/wt/i12-visitor');
const OUT = '/tmp/i12-shots';
mkdirSync(OUT, { recursive: true });
writeFileSync('demo/i12-shot.html', `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="./demo.css"><script type="module" src="/cdn/ess-widgets.js"></script></head><body><main class="demo-main" style="padding:8px"><div id="slot"></div></main></body></html>`);
const server = await createServer({ configFile: 'vite.config.ts', server: { port: 0 }, logLevel: 'error' });
await server.listen();
const base = server.resolvedUrls.local[0];
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
const only = process.argv[2];
const shadow = (sel) => `document.querySelector('ess-shop-finder, ess-nearby-points').shadowRoot.querySelector(${JSON.stringify(sel)})`;
const states = {
  first: [],
  place: [['search', 'Luik']],
  unknown: [['search', 'Luik'], ['search', 'Xyzzyville']],
  suggest: [['type', 'Nam']],
  filters: [['click', 'details.filters summary'], ['wait', 300]],
  detail: [['search', 'Luik'], ['click', '.list .item .name'], ['wait', 1500]],
  mapview: [['search', 'Bergen'], ['click', '.toggle button:last-child'], ['wait', 2500]],
};
try {
  for (const [state, steps] of Object.entries(states)) {
    if (only && only !== state) continue;
    for (const lang of ['fr', 'nl']) {
      for (const width of [390, 1280]) {
        if (state === 'mapview' && width > 720) continue;
        const page = await browser.newPage();
        await page.setViewport({ width, height: width < 500 ? 844 : 900, isMobile: width < 500, hasTouch: width < 500 });
        await page.setRequestInterception(true);
        page.on('request', (r) => (new URL(r.url()).hostname === new URL(base).hostname ? r.continue() : r.abort()));
        page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
        await page.goto(new URL('i12-shot.html', base).href, { waitUntil: 'networkidle0' });
        await page.evaluate((lang) => {
          document.querySelector('#slot').innerHTML = `<ess-shop-finder feed="./feeds/wallonie-bruxelles/feed.json" lang="${lang}"></ess-shop-finder>`;
        }, lang);
        await page.waitForFunction(`${shadow('.list-pane')}?.getAttribute('aria-busy') === 'false' && ${shadow('.list .item, .empty')}`, { timeout: 60_000 });
        for (const [kind, arg] of steps) {
          if (kind === 'wait') await new Promise((r) => setTimeout(r, arg));
          else if (kind === 'click') await page.evaluate(`${shadow(arg)}.click()`);
          else if (kind === 'type') {
            await page.evaluate(`${shadow('input[name="q"]')}.focus()`);
            await page.keyboard.type(arg, { delay: 60 });
            await new Promise((r) => setTimeout(r, 1000));
          } else if (kind === 'search') {
            await page.evaluate(`(() => { const i = ${shadow('input[name="q"]')}; i.value = ${JSON.stringify(arg)}; i.form.requestSubmit(); })()`);
            await new Promise((r) => setTimeout(r, 1500));
          }
        }
        const file = `${OUT}/${state}-${lang}-${width}.png`;
        await page.screenshot({ path: file, fullPage: width < 500 && state !== 'mapview' ? false : false });
        console.log(file);
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
