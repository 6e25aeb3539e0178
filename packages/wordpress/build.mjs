#!/usr/bin/env node
// Builds the WordPress plugin "ESS Widgets" (packages/wordpress/):
//   1. generates the attribute lists from the custom-elements manifest: plugin/elements.json (read
//      by the PHP: shortcodes, kses, blocks) and one plugin/blocks/<element>/block.json per element;
//      both are committed, written the same way on every build
//   2. writes languages/ess-widgets.pot from the plugin's PHP and JS strings
//   3. stages dist/ess-widgets/: the plugin files, the WHOLE built bundle folder
//      (packages/widgets/dist/cdn → bundle/), bundle.json naming its entry, and the .mo files
//      compiled from the .po files
//   4. zips it to dist/ess-widgets.zip (the file a site owner uploads in Plugins → Add New)
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const pluginSrc = join(here, 'plugin');
const cdnDir = join(root, 'packages/widgets/dist/cdn');
const dist = join(here, 'dist');
const stage = join(dist, 'ess-widgets');

// ---- 1. attribute lists from custom-elements.json ----------------------------------------------

/** Presentation only (what the block is called and where it sits); the attributes come from the manifest. */
const ELEMENTS = {
  'ess-shop-finder': { slug: 'shop-finder', title: 'ESS shop finder', icon: 'location-alt', keywords: ['map', 'directory', 'reuse'], main: ['feed', 'lang', 'categories', 'materials', 'region', 'organization', 'center', 'zoom'] },
  'ess-nearby-points': { slug: 'nearby-points', title: 'ESS nearby points', icon: 'location', keywords: ['collection point', 'nearest'], main: ['feed', 'lang', 'categories', 'materials', 'near', 'postcode', 'limit', 'max-distance', 'map'] },
  'ess-campaign-banner': { slug: 'campaign-banner', title: 'ESS campaign banner', icon: 'megaphone', keywords: ['campaign', 'banner'], main: ['feed', 'lang', 'variant', 'campaign', 'region'] },
  'ess-sector-counter': { slug: 'sector-counter', title: 'ESS sector counter', icon: 'chart-bar', keywords: ['figures', 'statistics', 'jobs'], main: ['feed', 'lang', 'stats', 'stat', 'layout', 'compact', 'count', 'categories', 'materials', 'region'] },
};

/** `feed` lives on the base class (core package), `lang` is HTML's own: read feed's JSDoc from the source. */
function commonAttributes() {
  const src = readFileSync(join(root, 'packages/core/src/base/ess-element.ts'), 'utf8');
  const m = src.match(/\/\*\*\s*([^*]+?)\s*\*\/\s*@property\([^)]*\)\s*feed\?/);
  if (!m) throw new Error('wordpress build: cannot find the JSDoc of `feed` in packages/core/src/base/ess-element.ts');
  return [
    { name: 'feed', type: 'string', description: m[1].trim() },
    { name: 'lang', type: 'string', enum: ['fr', 'nl', 'de', 'en'], description: 'Language of the element: fr, nl, de or en (default: the page’s language).' },
  ];
}

function attrType(a) {
  const text = (a.type?.text ?? '').replace(/\s*\|\s*undefined/g, '').trim();
  const literals = [...text.matchAll(/'([^']*)'/g)].map((x) => x[1]);
  if (literals.length && text.split('|').every((p) => /^\s*'[^']*'\s*$/.test(p))) return { type: 'string', enum: literals };
  if (text === 'number') return { type: 'number' };
  if (text === 'boolean') return { type: 'boolean' };
  return { type: 'string' };
}

const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const unquote = (v) => (typeof v === 'string' ? v.replace(/^'(.*)'$/, '$1') : v);

function generate() {
  const manifest = JSON.parse(readFileSync(join(root, 'packages/widgets/custom-elements.json'), 'utf8'));
  const decls = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName && ELEMENTS[d.tagName]);
  const missing = Object.keys(ELEMENTS).filter((t) => !decls.some((d) => d.tagName === t));
  if (missing.length) throw new Error(`wordpress build: custom-elements.json has no ${missing.join(', ')}`);
  const common = commonAttributes();
  const out = {};
  for (const d of decls.sort((a, b) => a.tagName.localeCompare(b.tagName))) {
    const meta = ELEMENTS[d.tagName];
    const attributes = [...common, ...(d.attributes ?? []).map((a) => {
      const t = attrType(a);
      const def = a.default !== undefined && /^('.*'|-?\d+(\.\d+)?|true|false)$/.test(a.default) ? JSON.parse(unquote(a.default) === a.default ? a.default : JSON.stringify(unquote(a.default))) : undefined;
      return { name: a.name, ...t, ...(def !== undefined ? { default: def } : {}), description: (a.description ?? '').replace(/\s+/g, ' ').trim() };
    })].map((a) => ({ ...a, key: camel(a.name), main: meta.main.includes(a.name) }));
    out[d.tagName] = {
      block: `ess-widgets/${meta.slug}`,
      shortcode: d.tagName.replace(/-/g, '_'),
      slug: meta.slug,
      title: meta.title,
      summary: (d.summary ?? '').replace(/\s+/g, ' ').trim(),
      fallbackSlot: Boolean(d.slots?.some((s) => s.name === '')),
      attributes,
    };
    const blockAttrs = Object.fromEntries(attributes.map((a) => [a.key, { type: a.type, ...(a.enum ? { enum: a.enum } : {}) }]));
    const blockJson = {
      $schema: 'https://schemas.wp.org/trunk/block.json',
      apiVersion: 2,
      name: `ess-widgets/${meta.slug}`,
      title: meta.title,
      category: 'widgets',
      icon: meta.icon,
      description: (d.summary ?? '').replace(/\s+/g, ' ').trim(),
      keywords: meta.keywords,
      textdomain: 'ess-widgets',
      supports: { align: ['wide', 'full'], html: false },
      attributes: blockAttrs,
      editorScript: 'ess-widgets-editor',
      editorStyle: 'ess-widgets-editor',
    };
    const dir = join(pluginSrc, 'blocks', meta.slug);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'block.json'), JSON.stringify(blockJson, null, 2) + '\n');
  }
  writeFileSync(join(pluginSrc, 'elements.json'), JSON.stringify({ generatedFrom: 'packages/widgets/custom-elements.json (npm run build)', elements: out }, null, 2) + '\n');
  return out;
}

// ---- 2. the translation template ----------------------------------------------------------------

const poEscape = (s) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function extractStrings(elements) {
  const found = new Map(); // key ctx\u0004msgid → { ctx, id, refs }
  const add = (id, ctx, ref) => {
    const k = `${ctx ?? ''}\u0004${id}`;
    if (!found.has(k)) found.set(k, { id, ctx, refs: [] });
    found.get(k).refs.push(ref);
  };
  const files = walk(pluginSrc).filter((f) => /\.(php|js)$/.test(f)).sort();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const rel = relative(pluginSrc, f).split(sep).join('/');
    // __( 'text', 'ess-widgets' ), esc_html__, esc_attr__, _e, esc_html_e, _x( 'text', 'context', 'ess-widgets' )
    for (const m of text.matchAll(/\b(?:__|_e|esc_html__|esc_html_e|esc_attr__|esc_attr_e)\(\s*'((?:[^'\\]|\\.)*)'\s*,\s*'ess-widgets'\s*\)/g)) add(m[1].replace(/\\'/g, "'"), undefined, rel);
    for (const m of text.matchAll(/\b_x\(\s*'((?:[^'\\]|\\.)*)'\s*,\s*'((?:[^'\\]|\\.)*)'\s*,\s*'ess-widgets'\s*\)/g)) add(m[1].replace(/\\'/g, "'"), m[2], rel);
  }
  const header = readFileSync(join(pluginSrc, 'ess-widgets.php'), 'utf8');
  for (const field of ['Plugin Name', 'Description']) {
    const m = header.match(new RegExp(`^ \\* ${field}:\\s*(.+)$`, 'm'));
    if (m) add(m[1].trim(), undefined, 'ess-widgets.php');
  }
  for (const e of Object.values(elements)) {
    add(e.title, 'block title', `blocks/${e.slug}/block.json`);
    add(e.summary, 'block description', `blocks/${e.slug}/block.json`);
  }
  return [...found.values()];
}

function writePot(strings) {
  const head = `# Translation template for the WordPress plugin "ESS Widgets".\n# Generated by packages/wordpress/build.mjs (npm run build): do not edit.\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"X-Domain: ess-widgets\\n"\n`;
  const body = strings.map((s) => `\n#: ${[...new Set(s.refs)].join(' ')}\n${s.ctx ? `msgctxt "${poEscape(s.ctx)}"\n` : ''}msgid "${poEscape(s.id)}"\nmsgstr ""\n`).join('');
  writeFileSync(join(pluginSrc, 'languages/ess-widgets.pot'), head + body);
}

/** Minimal .po reader: msgctxt, msgid, msgstr (no plurals: the plugin has none). */
function readPo(file) {
  const entries = [];
  let cur = {};
  let field;
  const unq = (s) => JSON.parse(s);
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/^(msgctxt|msgid|msgstr)\s+(".*")\s*$/);
    if (m) {
      if (m[1] === 'msgctxt' || (m[1] === 'msgid' && cur.msgstr !== undefined)) {
        if (cur.msgid !== undefined) entries.push(cur);
        cur = {};
      }
      field = m[1];
      cur[field] = unq(m[2]);
    } else if (/^".*"$/.test(line.trim()) && field) cur[field] += unq(line.trim());
  }
  if (cur.msgid !== undefined) entries.push(cur);
  return entries;
}

/** GNU .mo writer (little-endian, sorted, no hash table). */
function writeMo(entries, file) {
  const items = entries
    .filter((e) => e.msgstr || e.msgid === '')
    .map((e) => ({ k: Buffer.from((e.msgctxt !== undefined ? `${e.msgctxt}\u0004` : '') + e.msgid), v: Buffer.from(e.msgstr) }))
    .sort((a, b) => Buffer.compare(a.k, b.k));
  const n = items.length;
  const headerSize = 28;
  const tables = headerSize + n * 16;
  let offset = tables;
  const keyPos = items.map((it) => { const p = offset; offset += it.k.length + 1; return p; });
  const valPos = items.map((it) => { const p = offset; offset += it.v.length + 1; return p; });
  const buf = Buffer.alloc(offset);
  buf.writeUInt32LE(0x950412de, 0);
  buf.writeUInt32LE(0, 4);
  buf.writeUInt32LE(n, 8);
  buf.writeUInt32LE(headerSize, 12);
  buf.writeUInt32LE(headerSize + n * 8, 16);
  buf.writeUInt32LE(0, 20);
  buf.writeUInt32LE(tables, 24);
  items.forEach((it, i) => {
    buf.writeUInt32LE(it.k.length, headerSize + i * 8);
    buf.writeUInt32LE(keyPos[i], headerSize + i * 8 + 4);
    buf.writeUInt32LE(it.v.length, headerSize + n * 8 + i * 8);
    buf.writeUInt32LE(valPos[i], headerSize + n * 8 + i * 8 + 4);
    it.k.copy(buf, keyPos[i]);
    it.v.copy(buf, valPos[i]);
  });
  writeFileSync(file, buf);
}

// ---- 3–4. stage and zip -------------------------------------------------------------------------

function walk(d) {
  return readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
}

/** The bundle's entry: the shallowest `ess-widgets.js` in the built folder (it may move under a versioned path). */
function findEntry(dir) {
  const candidates = walk(dir).filter((f) => basename(f) === 'ess-widgets.js').map((f) => relative(dir, f).split(sep).join('/'));
  candidates.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  if (!candidates.length) throw new Error(`wordpress build: no ess-widgets.js under ${relative(root, dir)} (run the bundle build first)`);
  return candidates[0];
}

const CRC = new Int32Array(256).map((_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c; });
const crc32 = (b) => { let c = -1; for (const x of b) c = CRC[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ -1) >>> 0; };

function zip(dir, out) {
  const base = dirname(dir);
  const files = walk(dir).sort();
  const locals = [];
  const centrals = [];
  let offset = 0;
  const time = 0, date = (2026 - 1980) << 9 | 1 << 5 | 1; // fixed: the same input gives the same zip
  for (const f of files) {
    const name = Buffer.from(relative(base, f).split(sep).join('/'));
    const data = readFileSync(f);
    const deflated = deflateRawSync(data, { level: 9 });
    const useDeflate = deflated.length < data.length;
    const body = useDeflate ? deflated : data;
    const crc = crc32(data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(0x0800, 6); h.writeUInt16LE(useDeflate ? 8 : 0, 8);
    h.writeUInt16LE(time, 10); h.writeUInt16LE(date, 12); h.writeUInt32LE(crc, 14); h.writeUInt32LE(body.length, 18); h.writeUInt32LE(data.length, 22);
    h.writeUInt16LE(name.length, 26); h.writeUInt16LE(0, 28);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(0x031e, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(0x0800, 8); c.writeUInt16LE(useDeflate ? 8 : 0, 10);
    c.writeUInt16LE(time, 12); c.writeUInt16LE(date, 14); c.writeUInt32LE(crc, 16); c.writeUInt32LE(body.length, 20); c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(name.length, 28); c.writeUInt32LE((0o100644 << 16) >>> 0, 38); c.writeUInt32LE(offset, 42);
    locals.push(h, name, body);
    centrals.push(c, name);
    offset += h.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  writeFileSync(out, Buffer.concat([...locals, cd, end]));
  return files.length;
}

const elements = generate();
const strings = extractStrings(elements);
writePot(strings);

rmSync(dist, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
cpSync(pluginSrc, stage, { recursive: true });
if (!existsSync(cdnDir)) throw new Error('wordpress build: packages/widgets/dist/cdn is missing (the bundle step runs first)');
cpSync(cdnDir, join(stage, 'bundle'), { recursive: true });
const entry = findEntry(join(stage, 'bundle'));
writeFileSync(join(stage, 'bundle.json'), JSON.stringify({ entry: `bundle/${entry}` }, null, 2) + '\n');
const ids = new Set(strings.map((s) => `${s.ctx ?? ''}\u0004${s.id}`));
for (const po of readdirSync(join(pluginSrc, 'languages')).filter((f) => f.endsWith('.po'))) {
  const entries = readPo(join(pluginSrc, 'languages', po));
  const have = new Set(entries.filter((e) => e.msgstr).map((e) => `${e.msgctxt ?? ''}\u0004${e.msgid}`));
  const untranslated = [...ids].filter((k) => !have.has(k));
  if (untranslated.length) console.warn(`wordpress build: ${po} lacks ${untranslated.length} string(s): ${untranslated.slice(0, 3).map((k) => JSON.stringify(k.split('\u0004')[1])).join(', ')}…`);
  writeMo(entries, join(stage, 'languages', po.replace(/\.po$/, '.mo')));
  // Belgian sites: WordPress has fr_BE and nl_BE locales of their own.
  const alias = { 'fr_FR': 'fr_BE', 'nl_NL': 'nl_BE' }[po.match(/-(\w+)\.po$/)[1]];
  if (alias) writeMo(entries, join(stage, 'languages', `ess-widgets-${alias}.mo`));
}
const count = zip(stage, join(dist, 'ess-widgets.zip'));
console.log(`wordpress: dist/ess-widgets.zip (${count} files, ${(statSync(join(dist, 'ess-widgets.zip')).size / 1024).toFixed(0)} KiB), entry bundle/${entry}`);
