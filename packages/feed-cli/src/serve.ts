/**
 * `ess-feed serve`: a small static server for trying the elements against a
 * local feed. Loopback only unless told otherwise; gzip, ETag/304 and CORS,
 * like a CDN a publisher would use, so what works here works there.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8', '.geojson': 'application/geo+json; charset=utf-8', '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8', '.woff2': 'font/woff2',
};
/** Worth compressing: text. Images and fonts are compressed already. */
const TEXT = /^(text\/|application\/(geo\+)?json|image\/svg)/;

interface Entry {
  key: string;
  body: Buffer;
  gzip?: Buffer;
  etag: string;
}

/** True when an If-None-Match header names this entity tag (weak comparison, lists and * allowed). */
export function matches(header: string | undefined, etags: string[]): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.some((t) => etags.includes(t));
}

/**
 * The one byte range a `Range` header asks for, as [first, last] inclusive;
 * `null` when it cannot be satisfied (416); `undefined` when there is no
 * usable single range (no header, another unit, several ranges, a malformed
 * value): the whole file is sent, as RFC 9110 allows.
 */
export function parseRange(header: string | undefined, size: number): [number, number] | null | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    // A suffix: the last N bytes.
    const n = Number(m[2]);
    if (n === 0) return null;
    return size === 0 ? null : [Math.max(0, size - n), size - 1];
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return null;
  return [start, end];
}

/** If-Range: the range is served only while the validator still names this version. */
function ifRangeHolds(header: string | undefined, etag: string, mtime: Date): boolean {
  if (!header) return true;
  const h = header.trim();
  if (h.startsWith('"')) return h === etag;
  if (h.startsWith('W/')) return false; // weak tags never match If-Range
  const date = Date.parse(h);
  return !Number.isNaN(date) && Math.floor(mtime.getTime() / 1000) <= Math.floor(date / 1000);
}

export function startServer(dir: string, options: { host?: string; port?: number } = {}): Promise<Server> {
  const root = resolve(dir);
  // One read, hash and gzip per file version (path, size, mtime), not per request.
  const cache = new Map<string, Entry>();
  const server = createServer(async (req, res) => {
    try {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', 'if-none-match, content-type, range, if-range');
      res.setHeader('access-control-expose-headers', 'etag, content-range, accept-ranges, content-length');
      if (req.method === 'OPTIONS') return void res.writeHead(204, { 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-max-age': '600' }).end();
      if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD, OPTIONS' }).end();
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      } catch {
        return void res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad request: the path is not valid percent-encoding');
      }
      const file = normalize(join(root, path));
      if (path.includes('\0') || (file !== root && !file.startsWith(root + sep))) return void res.writeHead(403).end('forbidden');
      let info = await stat(file).catch(() => undefined);
      let target = file;
      if (info?.isDirectory()) {
        if (!path.endsWith('/')) return void res.writeHead(301, { location: `${path}/` }).end();
        target = join(file, 'index.html');
        info = await stat(target).catch(() => undefined);
      }
      if (!info?.isFile()) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${path}`);

      const key = `${info.size}:${info.mtimeMs}`;
      let entry = cache.get(target);
      if (!entry || entry.key !== key) {
        const body = await readFile(target);
        entry = { key, body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
        cache.set(target, entry);
      }
      const type = TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream';
      const range = parseRange(req.headers.range, entry.body.length);
      // A range is of the identity bytes (what a FlatGeobuf reader seeks in), never of a gzip body.
      const ranged = range !== undefined && ifRangeHolds([req.headers['if-range']].flat()[0], entry.etag, info.mtime);
      const gzip = !ranged && TEXT.test(type) && entry.body.length > 512 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      // Each representation has its own tag (RFC 9110); either one matches a conditional request.
      const gzTag = `${entry.etag.slice(0, -1)}-gz"`;
      res.setHeader('etag', gzip ? gzTag : entry.etag);
      res.setHeader('cache-control', 'no-cache');
      res.setHeader('vary', 'accept-encoding');
      res.setHeader('content-type', type);
      res.setHeader('accept-ranges', 'bytes');
      res.setHeader('last-modified', info.mtime.toUTCString());
      if (matches(req.headers['if-none-match'], [entry.etag, gzTag])) return void res.writeHead(304).end();
      if (ranged) {
        if (range === null) {
          return void res.writeHead(416, { 'content-range': `bytes */${entry.body.length}`, 'content-type': 'text/plain; charset=utf-8' }).end('range not satisfiable');
        }
        const [start, end] = range;
        res.setHeader('content-range', `bytes ${start}-${end}/${entry.body.length}`);
        res.setHeader('content-length', end - start + 1);
        return void res.writeHead(206).end(req.method === 'HEAD' ? undefined : entry.body.subarray(start, end + 1));
      }
      let out = entry.body;
      if (gzip) {
        entry.gzip ??= gzipSync(entry.body);
        out = entry.gzip;
        res.setHeader('content-encoding', 'gzip');
      }
      res.setHeader('content-length', out.length);
      res.writeHead(200).end(req.method === 'HEAD' ? undefined : out);
    } catch (e) {
      // A request never takes the server down.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`server error: ${(e as Error).message}`);
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      ok(server);
    });
  });
}
