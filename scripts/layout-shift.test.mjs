// No layout shift: every demo page, at 390 and 1280 px wide, loaded in headless Chromium with the
// built bundle; a `layout-shift` PerformanceObserver (registered before the page's first byte)
// records every shift until every element on the page has drawn its content, and the page's
// cumulative layout shift (largest session window, as Core Web Vitals count it) is ≤ 0.01.
// Requests to anything but the local server (the demo's map tiles) are answered with a blank tile.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome, LOCAL_ONLY } from './find-chrome.mjs';
import { serve } from './embed-server.mjs';

export const DEMO_PAGES = ['index.html', 'all.html', 'sector-counter.html', 'campaign-banner.html', 'shop-finder.html', 'nearby-points.html', 'embed.html', 'configurator.html'].filter((p) => existsSync(`demo/${p}`));
const WIDTHS = [390, 1280];
// Pages still over 0.01 (measured; the test runs and prints their figure, as "todo"): elements
// whose drawn height the page does not reserve yet. None today.
const TODO = {};
// The demo pages' map tiles come from outside hosts, which LOCAL_ONLY keeps from resolving: the
// tiles fail, as a blocked image would, inside a map whose size does not depend on them.

/** Every ess-* element on the page (also inside the embed page's iframe-free tree) shows its content. */
function allDrawn() {
  const els = [...document.querySelectorAll('ess-shop-finder, ess-nearby-points, ess-campaign-banner, ess-sector-counter')];
  return (
    document.readyState === 'complete' &&
    els.every((el) => {
      if (!customElements.get(el.localName) || !el.shadowRoot) return false;
      const r = el.shadowRoot;
      if (r.querySelector('.ess-state[data-state="loading"], [aria-busy="true"]')) return false;
      if (el.localName === 'ess-shop-finder') return !!r.querySelector('.list .item, .list .empty, .ess-state[data-state="error"]');
      if (el.localName === 'ess-sector-counter') return !!r.querySelector('.figure, .ess-state[data-state="error"]');
      if (el.localName === 'ess-campaign-banner') return !!r.querySelector('.banner') || el.hasAttribute('data-empty') || !r.querySelector('.reserve');
      return true;
    })
  );
}

/** Core Web Vitals' CLS: the largest burst of shifts (gaps < 1 s, at most 5 s long). */
export function cls(shifts) {
  let best = 0;
  let cur = 0;
  let start = -Infinity;
  let last = -Infinity;
  for (const s of shifts) {
    if (s.time - last > 1000 || s.time - start > 5000) {
      cur = 0;
      start = s.time;
    }
    cur += s.value;
    last = s.time;
    best = Math.max(best, cur);
  }
  return best;
}

let browser;
let site;
before(async () => {
  assert.ok(existsSync('packages/widgets/dist/cdn/ess-widgets.js'), 'the bundle is built (npm run build)');
  site = await serve();
  browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: [...CHROME_ARGS, LOCAL_ONLY] });
});
after(async () => {
  await browser?.close();
  await site?.close();
});

for (const name of DEMO_PAGES) {
  for (const width of WIDTHS) {
    const todo = TODO[`${name}@${width}`] ?? TODO[name];
    test(`${name} at ${width} px: cumulative layout shift ≤ 0.01`, { timeout: 90_000, todo }, async () => {
      const page = await browser.newPage();
      try {
        await page.setViewport({ width, height: width < 600 ? 844 : 900, deviceScaleFactor: 1, isMobile: width < 600, hasTouch: width < 600 });
        await page.evaluateOnNewDocument(() => {
          window.__shifts = [];
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) {
              if (!e.hadRecentInput) window.__shifts.push({ time: e.startTime, value: e.value, sources: (e.sources ?? []).map((s) => `${s.node?.nodeName ?? '?'}${s.node?.id ? `#${s.node.id}` : ''} ${s.previousRect.y}→${s.currentRect.y} h${s.previousRect.height}→${s.currentRect.height}`) });
            }
          }).observe({ type: 'layout-shift', buffered: true });
        });
        await page.goto(`${site.origin}/${name}`);
        await page.waitForFunction(allDrawn, { timeout: 60_000, polling: 100 });
        // Two frames more, so a shift caused by the last render is recorded.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r)))));
        const shifts = await page.evaluate(() => window.__shifts);
        const value = cls(shifts);
        console.log(`# ${name} ${width}px CLS ${value.toFixed(4)}`);
        assert.ok(value <= 0.01, `CLS ${value.toFixed(4)}: ${JSON.stringify(shifts.filter((s) => s.value > 0.0005), null, 1)}`);
      } finally {
        await page.close();
      }
    });
  }
}
