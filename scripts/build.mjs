#!/usr/bin/env node
// Builds everything a release needs:
//   1. each package to ESM with declarations (tsc -b)
//   2. the one-script-tag bundle with Vite/Rollup (packages/widgets/dist/cdn/ess-widgets.js)
//   3. the custom-elements manifest and the API tables generated from it
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
step('manifest and API docs', process.execPath, ['scripts/manifest.mjs']);
