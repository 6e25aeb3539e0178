// Test helpers: `ess-feed serve` on a folder for the tests of a file, and one HTTP request to it
// with the whole answer kept (status, headers, body).
import { after, before } from 'node:test';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer } from './serve.js';

export type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

export function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((ok, fail) => {
    request({ host: '127.0.0.1', port, path, headers, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });
}

/** Serves `dir` on a free port of 127.0.0.1 from before the file's tests to after them; `port()` once started. */
export function serving(dir: string): { port: () => number; server: () => Server } {
  let server: Server;
  before(async () => {
    server = await startServer(dir, { port: 0 });
  });
  after(() => server.close());
  return { port: () => (server.address() as AddressInfo).port, server: () => server };
}
