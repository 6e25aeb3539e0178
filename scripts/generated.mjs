// Writes the files the build generates and the repository tracks (package versions, VERSION, the
// manifest, docs tables, editor data). With --check (what `npm test` runs) nothing is written:
// a file the build would change is reported, and the build fails, so a stale generated file is
// caught by the tests instead of being rewritten by them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const CHECK = process.argv.includes('--check');
const stale = [];

export function writeGenerated(file, text) {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  if (CHECK) stale.push(file);
  else writeFileSync(file, text);
}

/** Ends the process with an error when --check found stale files. */
export function failIfStale(step) {
  if (!stale.length) return;
  console.error(`${step}: out of date (run "npm run build" and commit the result):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
