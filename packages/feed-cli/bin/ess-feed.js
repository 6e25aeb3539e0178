#!/usr/bin/env node
// The command's launcher: the code is the compiled dist/ (npm run build in the repository).
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  console.error(`ess-feed: ${e.message}\nIn the repository, run "npm run build" first.`);
  process.exit(1);
}
process.exitCode = await cli.main(process.argv.slice(2));
