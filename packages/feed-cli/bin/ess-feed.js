#!/usr/bin/env node
// The command's launcher: the code is the compiled dist/ (npm run build in the repository).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// `tile` parses and validates millions of short-lived objects: with a young generation of 64 MB
// (16 by default) the collector copies far fewer of them, which took a fifth of a national build.
// The flag must be given when Node starts, so the command runs again in a Node started with it.
const SEMI = '--max-semi-space-size=64';
if (process.argv[2] === 'tile' && !process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
  const r = spawnSync(process.execPath, [...process.execArgv, SEMI, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.error) throw r.error;
  if (r.signal) process.kill(process.pid, r.signal);
  process.exit(r.status ?? 1);
}
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  console.error(`ess-feed: ${e.message}\nIn the repository, run "npm run build" first.`);
  process.exit(1);
}
process.exitCode = await cli.main(process.argv.slice(2));
