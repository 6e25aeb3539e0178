import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRange } from './serve.js';
import { get, serving } from './http.test-helper.js';

const dir = mkdtempSync(join(tmpdir(), 'ess-range-'));
// 4,096 bytes whose value is their offset modulo 251: any slice is recognisable.
const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
writeFileSync(join(dir, 'locations.fgb'), bytes);
const text = JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: 40 }, (_, i) => ({ id: `p${i}` })) });
writeFileSync(join(dir, 'locations.geojson'), text);
const served = serving(dir);

test('serve answers a byte range with 206, the slice and its Content-Range', async () => {
  const r = await get(served.port(), '/locations.fgb', { range: 'bytes=100-355' });
  assert.equal(r.status, 206);
  assert.equal(r.headers['content-range'], 'bytes 100-355/4096');
  assert.equal(r.headers['accept-ranges'], 'bytes');
  assert.deepEqual(r.body, bytes.subarray(100, 356));
  // A browser on another origin must be allowed to send Range and read the answer's headers.
  assert.match(String(r.headers['access-control-expose-headers']), /content-range/);
});

test('serve answers an open range and a suffix range', async () => {
  const open = await get(served.port(), '/locations.fgb', { range: 'bytes=4000-' });
  assert.equal(open.status, 206);
  assert.deepEqual(open.body, bytes.subarray(4000));
  const suffix = await get(served.port(), '/locations.fgb', { range: 'bytes=-10' });
  assert.equal(suffix.headers['content-range'], 'bytes 4086-4095/4096');
  assert.deepEqual(suffix.body, bytes.subarray(4086));
});

test('serve refuses a range past the end with 416 and the size', async () => {
  const r = await get(served.port(), '/locations.fgb', { range: 'bytes=5000-6000' });
  assert.equal(r.status, 416);
  assert.equal(r.headers['content-range'], 'bytes */4096');
});

test('serve sends the identity bytes of a text file for a range, never a slice of its gzip', async () => {
  const r = await get(served.port(), '/locations.geojson', { range: 'bytes=0-20', 'accept-encoding': 'gzip' });
  assert.equal(r.status, 206);
  assert.equal(r.headers['content-encoding'], undefined);
  assert.equal(r.body.toString(), text.slice(0, 21));
});

test('serve sends the whole file when If-Range names an older version', async () => {
  const first = await get(served.port(), '/locations.fgb');
  assert.equal(first.status, 200);
  const etag = String(first.headers.etag);
  const same = await get(served.port(), '/locations.fgb', { range: 'bytes=0-9', 'if-range': etag });
  assert.equal(same.status, 206);
  const stale = await get(served.port(), '/locations.fgb', { range: 'bytes=0-9', 'if-range': '"an-older-version"' });
  assert.equal(stale.status, 200);
  assert.equal(stale.body.length, 4096);
});

test('parseRange reads single ranges and leaves the rest to a full answer', () => {
  assert.deepEqual(parseRange('bytes=0-0', 10), [0, 0]);
  assert.deepEqual(parseRange('bytes=5-100', 10), [5, 9]);
  assert.equal(parseRange('bytes=0-1,4-5', 10), undefined);
  assert.equal(parseRange('items=0-1', 10), undefined);
  assert.equal(parseRange('bytes=9-3', 10), null);
  assert.equal(parseRange('bytes=-0', 10), null);
});
