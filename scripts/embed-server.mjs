// A small static server for the embedding tests and measurements: the demo folder at /, the
// built CDN files at /cdn/, pages given as strings, gzip as a CDN would send it, and per-page
// headers (a Content-Security-Policy, say). Listens on 127.0.0.1 only.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

export const TYPES = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * @param {object} o
 * @param {Record<string, string>} [o.mounts] URL prefix → folder (default: / → demo, /cdn/ → the built bundle)
 * @param {Record<string, string | ((url: URL) => string)>} [o.pages] path → HTML
 * @param {(url: URL) => Record<string, string>} [o.headers] extra headers for a request
 * @param {(url: URL) => boolean} [o.cors] send Access-Control-Allow-Origin: * (default: always)
 * @param {(url: URL, body: Buffer) => Buffer} [o.rewrite] change a file's bytes before sending
 */
export function serve(o = {}) {
  const mounts = Object.entries(o.mounts ?? { '/cdn/': 'packages/widgets/dist/cdn', '/': 'demo' }).sort((a, b) => b[0].length - a[0].length);
  const gz = new Map();
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const head = { 'cache-control': 'no-store', 'timing-allow-origin': '*', ...(o.headers?.(url) ?? {}) };
    if (o.cors ? o.cors(url) : true) head['access-control-allow-origin'] = '*';
    let body;
    let type;
    const page = o.pages?.[path];
    if (page !== undefined) {
      body = Buffer.from(typeof page === 'function' ? page(url) : page);
      type = TYPES['.html'];
    } else {
      const [prefix, dir] = mounts.find(([p]) => path.startsWith(p)) ?? [];
      if (!dir) return res.writeHead(404, head).end();
      const file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(normalize(dir)) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404, head).end('not found');
      body = readFileSync(file);
      type = TYPES[extname(file)] ?? 'application/octet-stream';
    }
    if (o.rewrite) body = o.rewrite(url, body);
    const text = /text|json|javascript|svg/.test(type);
    if (text && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      const key = `${path}:${body.length}:${body.subarray(0, 64).toString('hex')}`;
      if (!gz.has(key)) gz.set(key, gzipSync(body, { level: 9 }));
      body = gz.get(key);
      head['content-encoding'] = 'gzip';
    }
    res.writeHead(200, { ...head, 'content-type': type, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      ok({ server, port, origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }) });
    }),
  );
}

/** The built version's folder name (dist/cdn/<version>/). */
export function builtVersion() {
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
}

/** The built script-tag entry of this version, relative to dist/cdn ("0.1.0/ess-widgets.js"). */
export const builtEntry = () => `${builtVersion()}/ess-widgets.js`;
