#!/usr/bin/env node
// Builds everything a release needs:
//   1. each package to ESM with declarations (tsc -b)
//   2. the one-script-tag bundle with Vite/Rollup (packages/widgets/dist/cdn/ess-widgets.js)
//   3. the custom-elements manifest and the API tables generated from it
//   4. the WordPress plugin zip (packages/wordpress/dist/ess-widgets.zip), from the manifest and the bundle
import { spawnSync } from 'node:child_process';

function step(name, cmd, args) {
  const t = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build: ${name} failed`);
    process.exit(r.status ?? 1);
  }
  console.log(`build: ${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

step('packages (tsc -b)', process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'packages/core', 'packages/widgets', 'packages/feed-cli']);
step('bundle (vite build)', process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn']);
// Vite leaves whitespace in ES library output; the CDN files are minified here, imports untouched.
{
  const { transform } = await import('esbuild');
  const { readdirSync, readFileSync, writeFileSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  for (const file of walk('packages/widgets/dist/cdn').filter((f) => f.endsWith('.js'))) {
    const r = await transform(readFileSync(file, 'utf8'), { minify: true, format: 'esm', target: 'es2021', legalComments: 'none' });
    writeFileSync(file, r.code);
  }
  console.log('build: bundle minified');
}
step('manifest and API docs', process.execPath, ['scripts/manifest.mjs']);
step('WordPress plugin zip', process.execPath, ['packages/wordpress/build.mjs']);
