import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { matches } from './serve.js';
import { get, serving } from './http.test-helper.js';

const dir = mkdtempSync(join(tmpdir(), 'ess-serve-'));
const features = Array.from({ length: 50 }, (_, i) => ({ type: 'Feature', id: `p${i}`, geometry: { type: 'Point', coordinates: [4, 50] }, properties: { name: `Point ${i}`, categories: ['shop'] } }));
const geojson = JSON.stringify({ type: 'FeatureCollection', features });
writeFileSync(join(dir, 'locations.geojson'), geojson);
writeFileSync(join(dir, 'feed.json'), '{"version":1}');
mkdirSync(join(dir, 'demo'));
writeFileSync(join(dir, 'demo', 'index.html'), '<!doctype html><title>demo</title>');
const served = serving(dir);

test('serve listens on the loopback interface by default', () => {
  assert.equal((served.server().address() as AddressInfo).address, '127.0.0.1');
});

test('serve: gzip when asked, CORS on every answer, the right content types', async () => {
  const gz = await get(served.port(), '/locations.geojson', { 'accept-encoding': 'gzip, deflate' });
  assert.equal(gz.status, 200);
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gz.headers['access-control-allow-origin'], '*');
  assert.equal(gz.headers['content-type'], 'application/geo+json; charset=utf-8');
  assert.equal(gunzipSync(gz.body).toString(), geojson);
  assert.ok(gz.body.length < geojson.length / 4, 'compressed');
  const plain = await get(served.port(), '/locations.geojson');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.body.toString(), geojson);
  assert.notEqual(plain.headers.etag, gz.headers.etag, 'each representation has its own tag');
  const small = await get(served.port(), '/feed.json', { 'accept-encoding': 'gzip' });
  assert.equal(small.headers['content-encoding'], undefined, 'tiny files are sent as they are');
  assert.equal(small.headers['content-type'], 'application/json; charset=utf-8');
  const preflight = await get(served.port(), '/feed.json', { origin: 'https://example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' }, 'OPTIONS');
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers['access-control-allow-origin'], '*');
  assert.match(String(preflight.headers['access-control-allow-headers']), /if-none-match/);
  assert.equal((await get(served.port(), '/missing.json')).headers['access-control-allow-origin'], '*');
});

test('serve: ETag and 304 Not Modified, a new tag when the file changes', async () => {
  const first = await get(served.port(), '/feed.json');
  const etag = first.headers.etag as string;
  assert.match(etag, /^"[\w-]+"$/);
  const again = await get(served.port(), '/feed.json', { 'if-none-match': etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  assert.equal(again.headers['access-control-allow-origin'], '*');
  assert.equal((await get(served.port(), '/feed.json', { 'if-none-match': `"other", W/${etag}` })).status, 304);
  assert.equal((await get(served.port(), '/feed.json', { 'if-none-match': '"other"' })).status, 200);
  // A gzip tag validates the same file asked for without gzip, and the other way round.
  const gz = await get(served.port(), '/locations.geojson', { 'accept-encoding': 'gzip' });
  assert.equal((await get(served.port(), '/locations.geojson', { 'if-none-match': gz.headers.etag as string })).status, 304);
  writeFileSync(join(dir, 'feed.json'), '{"version":1,"languages":["fr"]}');
  const changed = await get(served.port(), '/feed.json', { 'if-none-match': etag });
  assert.equal(changed.status, 200);
  assert.notEqual(changed.headers.etag, etag);
  assert.equal(changed.body.toString(), '{"version":1,"languages":["fr"]}');
});

test('serve: folders, HEAD, methods, nothing outside its folder, a bad path does not stop it', async () => {
  assert.equal((await get(served.port(), '/demo')).status, 301);
  assert.match((await get(served.port(), '/demo/')).body.toString(), /<title>demo/);
  const head = await get(served.port(), '/feed.json', {}, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  assert.equal((await get(served.port(), '/feed.json', {}, 'POST')).status, 405);
  for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/%00']) {
    const r = await get(served.port(), path);
    assert.ok([400, 403, 404].includes(r.status), `${path} answered ${r.status}`);
    assert.ok(!r.body.toString().includes('root:'), path);
  }
  assert.equal((await get(served.port(), '/%E0%A4%A')).status, 400);
  assert.equal((await get(served.port(), '/feed.json')).status, 200, 'still serving');
});

test('If-None-Match: lists, weak tags and *', () => {
  assert.ok(matches('"a"', ['"a"']));
  assert.ok(matches('"x", W/"a"', ['"a"']));
  assert.ok(matches('*', ['"a"']));
  assert.ok(!matches('"b"', ['"a"']));
  assert.ok(!matches(undefined, ['"a"']));
});
