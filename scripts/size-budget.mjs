#!/usr/bin/env node
// The size budget: bundles each measured entry with esbuild (minified, ES2021), leaving out what
// the budget says is not its own (Lit, core, Leaflet…), gzips it, and compares with the budget.
// A file row counts the entry's eager code only: every dynamic `import()` (a lazy chunk in the
// CDN build: the finder's tiled backend, its worker, Leaflet, opening hours, the core's rare
// paths) is left out, as a page does not download it before it is needed. What loads lazily on
// a real page is measured by the page rows (scripts/page-budget.mjs).
// Prints a table; exits 1 when any entry is over. `--json FILE` also writes the counts for
// scripts/test.mjs. Budgets live in scripts/budgets.json. A row with a `ceiling`
// ({"maxGzip": bytes, "why": "…"}) fails only above the ceiling, and prints why it is over its budget.
import { build } from 'esbuild';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const budgets = JSON.parse(readFileSync(new URL('./budgets.json', import.meta.url), 'utf8'));
const jsonOut = process.argv.includes('--json') ? process.argv[process.argv.indexOf('--json') + 1] : undefined;

/** Leaves every dynamic import() out of the bundle: it is a separate, lazy chunk. */
const lazyImportsOut = {
  name: 'lazy-imports-out',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
  },
};

async function measureEntry(entry, external) {
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2021',
    write: false,
    conditions: ['ess-source'],
    external,
    plugins: [lazyImportsOut],
    logLevel: 'silent',
    legalComments: 'none',
  });
  const code = r.outputFiles[0].contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

function measureBundle(dir) {
  // The script tag's first load: the entry file and the chunks it imports statically.
  const entry = join(dir, 'ess-widgets.js');
  if (!existsSync(entry)) return undefined;
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["'](\.\/[^"']+)["']/g)) visit(join(file, '..', m[1]));
  };
  visit(entry);
  let raw = 0;
  let gzip = 0;
  for (const f of seen) {
    const b = readFileSync(f);
    raw += b.length;
    gzip += gzipSync(b, { level: 9 }).length;
  }
  const lazy = (existsSync(join(dir, 'chunks')) ? readdirSync(join(dir, 'chunks')) : []).filter((f) => f.endsWith('.js') && !seen.has(join(dir, 'chunks', f))).length;
  return { raw, gzip, note: `${seen.size} file(s) on first load, ${lazy} lazy chunk(s)` };
}

const rows = [];
let passed = 0;
let failed = 0;
for (const b of budgets) {
  let m;
  if (b.bundle) {
    m = measureBundle(b.bundle);
  } else if (existsSync(b.entry)) {
    m = await measureEntry(b.entry, b.external ?? []);
  }
  if (!m) {
    rows.push([b.name, '-', '-', `${(b.maxGzip / 1024).toFixed(1)} KB`, b.bundle ? 'not built: run npm run build' : 'not present']);
    if (b.bundle) failed++;
    continue;
  }
  const ok = m.gzip <= b.maxGzip;
  const ceiling = !ok && b.ceiling && m.gzip <= b.ceiling.maxGzip ? b.ceiling : undefined;
  ok || ceiling ? passed++ : failed++;
  const verdict = ok ? 'ok' : ceiling ? `over, under the ${(ceiling.maxGzip / 1024).toFixed(1)} KB ceiling: ${ceiling.why}` : 'OVER BUDGET';
  rows.push([b.name, `${(m.raw / 1024).toFixed(1)} KB`, `${(m.gzip / 1024).toFixed(2)} KB`, `${(b.maxGzip / 1024).toFixed(1)} KB`, `${verdict}${m.note ? ` (${m.note})` : ''}`]);
}
// What a browser really downloads for a page holding one element (scripts/page-budget.mjs).
let pageRows = [];
if (!process.argv.includes('--files-only') && existsSync(join(budgets.find((b) => b.bundle).bundle, 'ess-widgets.js'))) {
  const { measurePages } = await import('./page-budget.mjs');
  try {
    pageRows = await measurePages();
  } catch (e) {
    console.error(`size budget: the in-browser measurement failed: ${e.message}`);
    failed++;
  }
  for (const r of pageRows) r.pass ? passed++ : failed++;
}

const head = ['entry', 'minified', 'gzip', 'budget', 'result'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
rows.forEach((r) => console.log(line(r)));
if (pageRows.length) {
  console.log('');
  const { printPages } = await import('./page-budget.mjs');
  printPages(pageRows);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ passed, failed, skipped: 0, rows }));
process.exit(failed ? 1 : 0);
