#!/usr/bin/env node
// Page impact: Lighthouse 12.2.3 (pinned: 13.x needs Node 22) on the demo page holding all four
// elements (demo/all.html, the built bundle) and on the same page without them (the script tag and
// the elements taken out), mobile and desktop presets, median of 3 runs each. Prints performance,
// accessibility, CLS and total blocking time side by side, and the audits Lighthouse could not
// compute. Runs Debian's Chromium (CHROME_PATH, else scripts/find-chrome.mjs); every host but
// the local server is unresolvable, so nothing leaves the machine (the map tiles fail).
// Not part of npm test:   npm run build && node scripts/lighthouse.mjs [--runs 3] [--page all.html]
import { readFileSync } from 'node:fs';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { CHROME_ARGS, findChrome, LOCAL_ONLY } from './find-chrome.mjs';
import { serve } from './embed-server.mjs';

const arg = (name, dflt) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : dflt);
const RUNS = Number(arg('--runs', 3));
const PAGE = arg('--page', 'all.html');

/** The same page without the elements: no script tag, no ess-* element (nor what it holds). */
export function withoutElements(html) {
  return html
    .replace(/<script[^>]*ess-widgets[^>]*><\/script>\s*/g, '')
    .replace(/<(ess-[a-z-]+)\b[^>]*>[\s\S]*?<\/\1>\s*/g, '');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const original = readFileSync(`demo/${PAGE}`, 'utf8');
  const site = await serve({ pages: { [`/without-${PAGE}`]: withoutElements(original) } });
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? findChrome(),
    chromeFlags: ['--headless=new', ...CHROME_ARGS, LOCAL_ONLY],
  });
  const rows = [];
  const missing = new Map();
  try {
    for (const preset of ['mobile', 'desktop']) {
      for (const [label, path] of [['with the elements', `/${PAGE}`], ['without them', `/without-${PAGE}`]]) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) {
          const r = await lighthouse(
            `${site.origin}${path}`,
            { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] },
            preset === 'desktop' ? desktopConfig : undefined,
          );
          const lhr = r.lhr;
          for (const [id, a] of Object.entries(lhr.audits)) if (a.scoreDisplayMode === 'error') missing.set(id, a.errorMessage?.split('\n')[0] ?? 'error');
          runs.push({
            performance: (lhr.categories.performance.score ?? NaN) * 100,
            accessibility: (lhr.categories.accessibility.score ?? NaN) * 100,
            cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
            tbt: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
            bytes: lhr.audits['total-byte-weight']?.numericValue ?? NaN,
          });
          process.stderr.write(`lighthouse: ${preset} ${label} run ${i + 1}/${RUNS}: performance ${runs.at(-1).performance}, CLS ${runs.at(-1).cls.toFixed(3)}, TBT ${Math.round(runs.at(-1).tbt)} ms\n`);
        }
        const m = (k) => median(runs.map((x) => x[k]));
        rows.push({ preset, label, performance: m('performance'), accessibility: m('accessibility'), cls: m('cls'), tbt: m('tbt'), bytes: m('bytes') });
      }
    }
  } finally {
    await chrome.kill();
    await site.close();
  }
  const head = ['preset', 'page', 'performance', 'accessibility', 'CLS', 'TBT', 'transfer'];
  const table = rows.map((r) => [r.preset, `${PAGE} ${r.label}`, String(Math.round(r.performance)), String(Math.round(r.accessibility)), r.cls.toFixed(3), `${Math.round(r.tbt)} ms`, `${(r.bytes / 1024).toFixed(0)} KB`]);
  for (const preset of ['mobile', 'desktop']) {
    const [a, b] = rows.filter((r) => r.preset === preset);
    table.push([preset, 'added by the elements', `${Math.round(a.performance - b.performance)}`, `${Math.round(a.accessibility - b.accessibility)}`, `+${(a.cls - b.cls).toFixed(3)}`, `+${Math.round(a.tbt - b.tbt)} ms`, `+${((a.bytes - b.bytes) / 1024).toFixed(0)} KB`]);
  }
  const w = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (t) => `| ${t.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
  console.log(`Lighthouse 12.2.3, median of ${RUNS} runs (${new Date().toISOString().slice(0, 10)})\n`);
  console.log(line(head));
  console.log(`|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
  table.forEach((t) => console.log(line(t)));
  console.log(`\nAudits Lighthouse could not compute: ${missing.size ? [...missing].map(([id, e]) => `${id} (${e})`).join('; ') : 'none'}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
