import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featureBatches } from './stream-features.js';

const dir = mkdtempSync(join(tmpdir(), 'ess-stream-'));
const features = Array.from({ length: 23 }, (_, i) => ({ type: 'Feature', id: `p${i}`, geometry: { type: 'Point', coordinates: [4 + i / 100, 50] }, properties: { name: `Lieu ${i}, "quoted"` } }));
const all = async (file: string, size = 5) => {
  const out: unknown[] = [];
  for await (const b of featureBatches(join(dir, file), size)) {
    assert.equal(b.offset, out.length);
    out.push(...b.features);
  }
  return out;
};

test('featureBatches reads one feature a line, in batches with their offsets', async () => {
  writeFileSync(join(dir, 'lines.geojson'), `\uFEFF{"type":"FeatureCollection","features":[\r\n${features.map((f) => JSON.stringify(f)).join(',\r\n')}\r\n]}\r\n`);
  assert.deepEqual(await all('lines.geojson'), features);
});

test('featureBatches reads any other layout: pretty-printed, on one line, a bare list', async () => {
  writeFileSync(join(dir, 'pretty.geojson'), JSON.stringify({ type: 'FeatureCollection', name: 'x', features }, null, 2));
  writeFileSync(join(dir, 'one.geojson'), JSON.stringify({ features, type: 'FeatureCollection' }));
  writeFileSync(join(dir, 'bare.json'), JSON.stringify(features));
  for (const f of ['pretty.geojson', 'one.geojson', 'bare.json']) assert.deepEqual(await all(f), features, f);
});

test('featureBatches says when a file is cut short instead of reading less', async () => {
  writeFileSync(join(dir, 'cut.geojson'), `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n`);
  await assert.rejects(all('cut.geojson', 50));
  writeFileSync(join(dir, 'cut2.geojson'), `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n').slice(0, -40)}`);
  await assert.rejects(all('cut2.geojson'));
});
