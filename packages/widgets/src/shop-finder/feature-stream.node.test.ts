import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeatureStream } from './feature-stream.js';

const feature = (i: number, extra: Record<string, unknown> = {}) => ({ type: 'Feature', id: `p${i}`, geometry: { type: 'Point', coordinates: [4 + i / 1e4, 50] }, properties: { name: `Récup’ ${i} — « Namur »`, note: 'a "quoted" {"type":"Feature"} \\ text', ...extra } });

/** Feeds the bytes in parts of `size` (cutting multi-byte characters too) and returns the result. */
async function read(text: string, size: number, complete = true): Promise<unknown[] | undefined> {
  const bytes = new TextEncoder().encode(text);
  const s = new FeatureStream();
  for (let at = 0; at < bytes.length; at += size) s.add(bytes.slice(at, at + size).buffer);
  s.end(complete);
  assert.equal(s.bytes, bytes.length);
  return s.result;
}

const written = (features: unknown[]) => `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;

test('a file in the layout ess-feed writes gives, part by part, exactly the features of the whole file', async () => {
  const features = Array.from({ length: 40_000 }, (_, i) => feature(i));
  const text = written(features);
  assert.ok(text.length > 4 << 20, 'large enough to be parsed in several batches');
  for (const size of [7, 65_536, 1 << 20]) assert.deepEqual(await read(text, size), JSON.parse(text).features, `parts of ${size} bytes`);
  assert.deepEqual(await read(written([]), 3), []);
  assert.deepEqual(await read(`\uFEFF${written([feature(1)])}`, 5), [feature(1)], 'a byte order mark');
});

test('anything else is left to the whole-file parse (undefined), never read differently', async () => {
  const big = (f: (i: number) => unknown) => Array.from({ length: 12_000 }, (_, i) => f(i));
  const cases: [string, string][] = [
    ['spaced like GDAL', JSON.stringify({ type: 'FeatureCollection', name: 'x', features: big(feature) }, null, 1)],
    ['another key after the features', written(big(feature)).replace(/\]\}\n$/, '],"name":"x"}')],
    ['a key before the features', written(big(feature)).replace('{"type":"FeatureCollection",', '{"type":"FeatureCollection","name":"x",')],
    ['a trailing comma', written(big(feature)).replace(/\n\]\}\n$/, ',\n]}')],
    ['cut short', written(big(feature)).slice(0, -40_000)],
    ['not JSON', `<html>${'x'.repeat(10_000)}</html>`],
  ];
  for (const [what, text] of cases) assert.equal(await read(text, 1 << 16), undefined, what);
  assert.equal(await read(written(big(feature)), 1 << 16, false), undefined, 'the download did not complete');
  // A feature inside a feature's properties: read the same as the whole file, or left to it (when a cut fell there).
  const nested = written(big((i) => feature(i, i % 500 === 0 ? { inner: feature(i) } : {})));
  for (const size of [1 << 12, 1 << 16, 1 << 20]) {
    const r = await read(nested, size);
    if (r !== undefined) assert.deepEqual(r, JSON.parse(nested).features, `nested, parts of ${size} bytes`);
  }
});
