#!/usr/bin/env node
// `npm pack` / `npm publish` of a package (its prepack and postpack scripts):
//   strip    the published package.json without the repository's `ess-source` export condition
//            (it points at src/, which is not shipped; the repository's own tools use it to build
//            and test from source) and without the src/ entries of `sideEffects`;
//   restore  the package.json as committed.
// The original waits in package.json.unpacked meanwhile; scripts/build.mjs puts back one left by
// an interrupted pack.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export function publishedManifest(pkg) {
  const out = structuredClone(pkg);
  const strip = (v) => {
    if (typeof v === 'string' || v === null) return v;
    const entries = Object.entries(v).filter(([k]) => k !== 'ess-source').map(([k, x]) => [k, strip(x)]).filter(([, x]) => x !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  };
  if (out.exports) out.exports = strip(out.exports);
  if (Array.isArray(out.sideEffects)) out.sideEffects = out.sideEffects.filter((p) => !p.startsWith('./src/'));
  return out;
}

const BACKUP = 'package.json.unpacked';
const [cmd] = process.argv.slice(2);
if (cmd === 'strip') {
  if (existsSync(BACKUP)) renameSync(BACKUP, 'package.json');
  const text = readFileSync('package.json', 'utf8');
  writeFileSync(BACKUP, text);
  writeFileSync('package.json', `${JSON.stringify(publishedManifest(JSON.parse(text)), null, 2)}\n`);
} else if (cmd === 'restore') {
  if (existsSync(BACKUP)) renameSync(BACKUP, 'package.json');
} else if (cmd) {
  console.error('usage: pack-manifest.mjs strip|restore');
  process.exit(2);
}
