#!/usr/bin/env node
// Builds everything a release needs:
//   1. each package to ESM with declarations (tsc -b)
//   2. the one-script-tag bundle with Vite/Rollup (packages/widgets/dist/cdn/ess-widgets.js)
//   3. the custom-elements manifest and the API tables generated from it
//   4. the WordPress plugin zip (packages/wordpress/dist/ess-widgets.zip), from the manifest and the bundle
// `--check` (npm test): the tracked generated files are compared, not written (scripts/generated.mjs).
// Before 1, the version: the root package.json's `version` is the one source; it is written into
// each package's package.json (and their pins of each other) and into core's VERSION constant.
// After 1, the published dist is made self-contained (Leaflet's CSS as a JS string module) and
// checked: no import of a file that is not shipped, no bundler-only suffix.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { CHECK, failIfStale, writeGenerated } from './generated.mjs';

function step(name, cmd, args) {
  const t = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build: ${name} failed`);
    process.exit(r.status ?? 1);
  }
  console.log(`build: ${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const writeIfChanged = (file, text) => {
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
};

// One version source (and one place for the project's links): the root package.json.
{
  const root = JSON.parse(readFileSync('package.json', 'utf8'));
  const { version } = root;
  for (const dir of ['packages/core', 'packages/widgets', 'packages/feed-cli']) {
    const file = join(dir, 'package.json');
    // A pack interrupted between its prepack and postpack scripts left the published manifest.
    if (existsSync(`${file}.unpacked`) && !CHECK) renameSync(`${file}.unpacked`, file);
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    pkg.version = version;
    for (const key of ['license', 'homepage', 'bugs']) pkg[key] = root[key];
    pkg.repository = { ...root.repository, directory: dir };
    for (const deps of [pkg.dependencies, pkg.peerDependencies]) {
      for (const name of Object.keys(deps ?? {})) if (name.startsWith('@ess-widgets/')) deps[name] = version;
    }
    writeGenerated(file, `${JSON.stringify(pkg, null, 2)}\n`);
  }
  // The licence and the changelog are the repository's, in every package.
  for (const dir of ['packages/core', 'packages/widgets', 'packages/feed-cli']) {
    for (const f of ['LICENSE', 'CHANGELOG.md']) writeGenerated(join(dir, f), readFileSync(f, 'utf8'));
  }
  writeGenerated('packages/core/src/version.ts', `/** The packages' version: written by scripts/build.mjs from the root package.json. */\nexport const VERSION = ${JSON.stringify(version)};\n`);
  failIfStale('build: version and package files');
  console.log(`build: version ${version}`);
}

step('packages (tsc -b)', process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'packages/core', 'packages/widgets', 'packages/feed-cli']);
// The published dist: Leaflet's stylesheet (images inlined as data: URLs, as Vite's `?inline` does
// for the CDN bundle) as a plain string module in place of the source's `?inline` re-export.
{
  const require = createRequire(join(process.cwd(), 'packages/widgets/package.json'));
  const cssFile = require.resolve('leaflet/dist/leaflet.css');
  const css = readFileSync(cssFile, 'utf8').replace(/url\((['"]?)(images\/[\w.-]+\.png)\1\)/g, (_, _q, img) => `url("data:image/png;base64,${readFileSync(join(dirname(cssFile), img)).toString('base64')}")`);
  const out = 'packages/widgets/dist/shared/leaflet-css';
  writeIfChanged(`${out}.js`, `// Leaflet's stylesheet (leaflet/dist/leaflet.css, BSD-2-Clause), written by scripts/build.mjs.\nexport default ${JSON.stringify(css)};\n`);
  writeIfChanged(`${out}.d.ts`, 'declare const css: string;\nexport default css;\n');
  rmSync(`${out}.js.map`, { force: true });
  rmSync(`${out}.d.ts.map`, { force: true });
}
// Nothing published may import what is not published, or need a bundler's own syntax.
{
  const problems = [];
  for (const pkgDir of ['packages/core', 'packages/widgets', 'packages/feed-cli']) {
    for (const file of walk(join(pkgDir, 'dist')).filter((f) => f.endsWith('.js') && !f.includes('/cdn/'))) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/(?:from\s*|import\s*\(\s*|import\s+|new URL\(\s*)['"]([^'"]+)['"]/g)) {
        const spec = m[1];
        if (spec.includes('?')) problems.push(`${file}: bundler-only suffix in '${spec}'`);
        else if (spec.startsWith('.') && !existsSync(join(dirname(file), spec))) problems.push(`${file}: '${spec}' is not in dist`);
      }
    }
  }
  if (problems.length) {
    console.error(`build: the published files are not self-contained:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('build: dist checked (every relative import shipped, no bundler-only suffix)');
}
step('bundle (vite build)', process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn']);
// Vite leaves whitespace in ES library output; the CDN files are minified here, imports untouched.
// Terser, two passes: 2–3 % smaller after gzip than esbuild's minifier on these files (the core chunk
// 16.7 → 16.3 KB, Lit's 7.1 → 7.0), bytes every page downloads; the build took 10.7 s instead of 9.6.
{
  const { minify } = await import('terser');
  for (const file of walk('packages/widgets/dist/cdn').filter((f) => f.endsWith('.js'))) {
    const r = await minify(readFileSync(file, 'utf8'), { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } });
    writeFileSync(file, r.code);
  }
  console.log('build: bundle minified');
}
// The paste-in snippet with SRI hashes of the final (minified) files (scripts/cdn-snippet.mjs).
step('CDN snippet with integrity', process.execPath, ['scripts/cdn-snippet.mjs']);
step('manifest and API docs', process.execPath, ['scripts/manifest.mjs', ...(CHECK ? ['--check'] : [])]);
step('WordPress plugin zip', process.execPath, ['packages/wordpress/build.mjs']);
