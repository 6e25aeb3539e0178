#!/usr/bin/env node
// Screenshots of the demo pages, on a phone and a desktop viewport, to look at by eye.
//   node scripts/screenshots.mjs                 every page in demo/
//   node scripts/screenshots.mjs shop-finder     only demo/shop-finder.html
//   node scripts/screenshots.mjs --viewport …    only what the first screen shows, not the whole page
// Serves demo/ with the built bundle (run `npm run build` first), keeps the browser on this
// machine (LOCAL_ONLY: map tiles appear grey), writes screenshots/<page>-<viewport>.png.
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';
import { mkdirSync, readdirSync } from 'node:fs';
import { CHROME_ARGS, findChrome, INSTALL_HINT, LOCAL_ONLY } from './find-chrome.mjs';

const VIEWPORTS = { phone: { width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true }, desktop: { width: 1280, height: 900 } };
const viewportOnly = process.argv.includes('--viewport');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const pages = readdirSync('demo').filter((f) => f.endsWith('.html')).map((f) => f.replace(/\.html$/, '')).filter((p) => !only.length || only.includes(p));

const executablePath = findChrome();
if (!executablePath) {
  console.error(INSTALL_HINT);
  process.exit(1);
}
const server = await createServer({ configFile: 'vite.config.ts', server: { port: 0 }, logLevel: 'error' });
await server.listen();
const base = server.resolvedUrls.local[0];
const browser = await puppeteer.launch({ executablePath, headless: true, args: [...CHROME_ARGS, LOCAL_ONLY] });
mkdirSync('screenshots', { recursive: true });
try {
  for (const name of pages) {
    for (const [vp, viewport] of Object.entries(VIEWPORTS)) {
      const page = await browser.newPage();
      await page.setViewport(viewport);
      page.on('pageerror', (e) => console.error(`${name} (${vp}): page error: ${e.message}`));
      await page.goto(new URL(`${name}.html`, base).href, { waitUntil: 'networkidle0', timeout: 30_000 }).catch((e) => console.error(`${name}: ${e.message}`));
      // What a visitor sees once every element has drawn its data (none busy), or after 30 s.
      await page
        .waitForFunction(() => [...document.querySelectorAll('ess-shop-finder, ess-nearby-points, ess-campaign-banner, ess-sector-counter')].every((el) => el.shadowRoot && el.getAttribute('aria-busy') !== 'true' && !el.shadowRoot.querySelector('[aria-busy="true"]')), { timeout: 30_000, polling: 200 })
        .catch(() => console.error(`${name} (${vp}): still busy after 30 s`));
      const file = `screenshots/${name}-${vp}.png`;
      await page.screenshot({ path: file, fullPage: !viewportOnly });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
