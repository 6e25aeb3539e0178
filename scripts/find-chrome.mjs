// Finds a Chromium or Chrome to run tests and benchmarks in. No tool here may
// download its own browser: CHROME_PATH wins, then the usual install places.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome'];
const PLACES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/snap/bin/chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'];

/** Flags that keep headless Chromium quiet on a machine without outside network. */
export const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/**
 * Keeps a browser on this machine: every host name but localhost fails to resolve, so nothing
 * leaves 127.0.0.1 (map tiles appear grey). Use it rather than puppeteer's request interception,
 * which leaves a dedicated worker's requests unanswered (the loader's download worker then times
 * out after 10 s: seen on the first load of a page in 3 of 6 runs, never without interception).
 * Pages still report every request with `page.on('request')`, to count those that tried to leave.
 */
export const LOCAL_ONLY = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1';

export function findChrome() {
  if (process.env.CHROME_PATH) {
    if (existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
    throw new Error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, which does not exist.`);
  }
  for (const p of PLACES) if (existsSync(p)) return p;
  for (const n of NAMES) {
    try {
      const p = execFileSync('which', [n], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (p) return p;
    } catch {
      /* not on PATH */
    }
  }
  return undefined;
}

export const INSTALL_HINT = 'No Chromium or Chrome found: install one (Debian/Ubuntu: apt-get install -y chromium) or set CHROME_PATH to its executable.';

if (import.meta.url === `file://${process.argv[1]}`) {
  const p = findChrome();
  if (!p) {
    console.error(INSTALL_HINT);
    process.exit(1);
  }
  console.log(p);
}
