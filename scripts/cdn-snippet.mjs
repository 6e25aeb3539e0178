#!/usr/bin/env node
// After the CDN build (and its minification): writes, next to the versioned files,
//   integrity.json  every file's Subresource Integrity hash (sha384), by path in the folder
//   snippet.html    the tags to paste: the loader, or one element's entry, with integrity and crossorigin
// The hashes change with every build of different code; the version folder never changes once
// published, so a pasted snippet keeps working and keeps being checked.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const dir = join('packages/widgets/dist/cdn', version);
const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const sri = (file) => `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;

const integrity = {};
for (const f of walk(dir).filter((f) => f.endsWith('.js')).sort()) integrity[relative(dir, f)] = sri(f);
writeFileSync(join(dir, 'integrity.json'), `${JSON.stringify(integrity, null, 2)}\n`);

const base = `https://YOUR-CDN/ess-widgets/${version}`;
const tag = (file) => `<script type="module" src="${base}/${file}" integrity="${integrity[file]}" crossorigin="anonymous"></script>`;
const entries = Object.keys(integrity).filter((f) => /^ess-[a-z-]+\.js$/.test(f) && f !== 'ess-widgets.js');
writeFileSync(
  join(dir, 'snippet.html'),
  `<!-- ESS Widgets ${version}: paste once per page. Replace https://YOUR-CDN/ess-widgets with where the folder ${version}/ is served
     (that host must send "Access-Control-Allow-Origin: *"). The loader imports only the elements on the page. -->
${tag('ess-widgets.js')}

<!-- Or exactly one element's code (instead of the loader): -->
${entries.map(tag).join('\n')}
`,
);
console.log(`cdn snippet: ${dir}/snippet.html, integrity.json (${Object.keys(integrity).length} files)`);
