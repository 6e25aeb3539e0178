/**
 * `ess-feed serve`: a small static server for trying the elements against a
 * local feed. Loopback only unless told otherwise; gzip, ETag/304 and CORS.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8', '.geojson': 'application/geo+json; charset=utf-8', '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.csv': 'text/csv; charset=utf-8',
};

export function startServer(dir: string, options: { host?: string; port?: number } = {}): Promise<Server> {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'if-none-match, content-type');
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    if (req.method !== 'GET' && req.method !== 'HEAD') return res.writeHead(405, { allow: 'GET, HEAD, OPTIONS' }).end();
    let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return res.writeHead(403).end('forbidden');
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
    } catch {
      return res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${path}`);
    }
    const body = await readFile(file);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    res.setHeader('etag', etag);
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('vary', 'accept-encoding');
    res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
    if (req.headers['if-none-match'] === etag) return res.writeHead(304).end();
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && body.length > 512;
    const out = gzip ? gzipSync(body) : body;
    if (gzip) res.setHeader('content-encoding', 'gzip');
    res.setHeader('content-length', out.length);
    res.writeHead(200).end(req.method === 'HEAD' ? undefined : out);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => ok(server));
  });
}
