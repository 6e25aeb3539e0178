// Browser tests: every *.test.ts under packages/*/src, in headless Chromium
// found on this machine (see scripts/find-chrome.mjs), one at a time.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { CHROME_ARGS, findChrome, INSTALL_HINT, LOCAL_ONLY } from './scripts/find-chrome.mjs';
import { countReporter } from './scripts/count-reporter.mjs';
import { createServer } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';

// A free port, so that two test runs on one machine do not collide.
const port = await new Promise((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = srv.address();
    srv.close(() => resolve(p));
  });
});

const executablePath = findChrome();
if (!executablePath) {
  console.error(INSTALL_HINT);
  process.exit(1);
}

// How many times the test server was asked for each path, for tests that must see a request
// start (resource timing shows one only once answered): GET /__ess-requests returns
// { "/path": count, … } since the run began.
const requested = new Map();
async function countRequests(context, next) {
  if (context.path === '/__ess-requests') {
    context.type = 'application/json';
    context.set('cache-control', 'no-store');
    context.body = JSON.stringify(Object.fromEntries(requested));
    return;
  }
  requested.set(context.path, (requested.get(context.path) ?? 0) + 1);
  await next();
  // Never from the browser's cache: each test page's requests reach the server, and are counted.
  context.set('cache-control', 'no-store');
}

// A locations file larger than a browser can read (MAX_DOCUMENT_BYTES, 500 MB): GET
// /__ess-too-large/locations.geojson announces 600,000,000 bytes (?announce=0: none, sent
// chunked) and sends 1 MiB parts, up to 1,000, until the client stops it; GET
// /__ess-too-large-sent tells how many bytes went out (the loader must stop the download, not take
// it all: a little over 500 MB, with what the sockets buffer).
let tooLargeSent = 0;
async function tooLarge(context, next) {
  if (context.path === '/__ess-too-large-sent') {
    context.type = 'application/json';
    context.set('cache-control', 'no-store');
    context.body = JSON.stringify({ sent: tooLargeSent });
    return;
  }
  if (context.path !== '/__ess-too-large/locations.geojson') return next();
  tooLargeSent = 0;
  const part = Buffer.alloc(1 << 20, 0x20);
  context.type = 'application/geo+json';
  context.set('cache-control', 'no-store');
  if (context.query.announce !== '0') context.length = 600_000_000;
  context.body = Readable.from((function* () {
    for (let i = 0; i < 1000; i++) {
      tooLargeSent += part.length;
      yield part;
    }
  })());
}

// The sample feed with its locations file written as GDAL does (a name before the features, and
// spaces: a layout the finder does not parse part by part as it downloads, so it parses it whole): GET /__ess-indented/<file of demo/feeds/wallonie-bruxelles>.
async function indented(context, next) {
  const m = /^\/__ess-indented\/([\w.-]+)$/.exec(context.path);
  if (!m) return next();
  const file = fileURLToPath(new URL(`./demo/feeds/wallonie-bruxelles/${m[1]}`, import.meta.url));
  if (!existsSync(file)) return next();
  const text = readFileSync(file, 'utf8');
  context.type = m[1].endsWith('.json') ? 'application/json' : 'application/geo+json';
  context.set('cache-control', 'no-store');
  // As GDAL writes it: a name before the features, and spaces.
  context.body = m[1] === 'locations.geojson' ? JSON.stringify({ type: 'FeatureCollection', name: 'locations', ...JSON.parse(text) }, null, 1) : text;
}

export default {
  files: ['packages/*/src/**/*.test.ts', '!packages/feed-cli/**', '!packages/*/src/**/*.node.test.ts'],
  nodeResolve: { exportConditions: ['ess-source', 'browser'] },
  port,
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  // A test that waits on what a person sees can take long on a loaded machine; timeouts are not assertions.
  testFramework: { config: { timeout: 30_000 } },
  middleware: [
    countRequests,
    tooLarge,
    indented,
    // Source names its worker by the published file, `new URL('./finder.worker.js', import.meta.url)`
    // (what Vite and webpack rewrite): serve the TypeScript beside it, as Vite does.
    (ctx, next) => {
      if (ctx.path.endsWith('.js') && ctx.path.includes('/src/')) {
        const ts = fileURLToPath(new URL(`.${ctx.path.replace(/\.js$/, '.ts')}`, import.meta.url));
        if (!existsSync(fileURLToPath(new URL(`.${ctx.path}`, import.meta.url))) && existsSync(ts)) ctx.url = ctx.url.replace(/\.js(?=$|\?)/, '.ts');
      }
      return next();
    },
  ],
  plugins: [
    // Vite's `import css from 'x.css?inline'` (Leaflet's stylesheet, adopted in shadow roots), served as a JS string.
    {
      name: 'css-inline',
      resolveMimeType(context) {
        if (context.path.endsWith('.css') && context.URL.searchParams.has('inline')) return 'js';
      },
      transform(context) {
        if (context.path.endsWith('.css') && context.URL.searchParams.has('inline')) return { body: `export default ${JSON.stringify(context.body)};` };
      },
    },
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args: [...CHROME_ARGS, LOCAL_ONLY] } })],
  reporters: [defaultReporter(), countReporter()],
};
