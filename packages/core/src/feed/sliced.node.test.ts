// The sliced parse and validation of large documents gives exactly what JSON.parse + the validator
// give: the same records, the same problems with the same paths, the same counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFeedSliced, validateLocationsSliced, findLocations } from './sliced.js';
import { feedIds, validateCollection, validateFeed } from './validate.js';
import { countedFeed } from './fixtures/counted.js';
import { feature } from '../testing/feeds.js';

const baseUrl = 'https://feeds.example.org/feed.json';

function big(n: number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    // Names with quotes, backslashes, brackets and commas: the scanner must not be fooled by text.
    const name = i % 7 === 0 ? `Shop "${i}" \\ [a, b] {c}` : `Shop ${i}`;
    out.push(feature(i % 997 === 5 ? 'dup' : `s${i}`, 4 + (i % 100) / 100, 50 + Math.floor(i / 100) / 1000, { name, categories: i % 501 === 3 ? [] : ['shop'], website: i % 311 === 0 ? 'page.html' : 'https://x.example.org/' }));
  }
  out.splice(10, 0, 'not a feature', 42, null, [1, 2]);
  out.push(feature('swapped', 50.4669, 4.8675, { name: 'S', categories: ['shop'] }));
  return out;
}

for (const shape of ['list', 'FeatureCollection'] as const) {
  test(`a large feed (${shape}) gives the same result sliced as whole`, async () => {
    const f = countedFeed();
    const locs = [...(f.locations as unknown[]), ...big(9000)];
    f.locations = shape === 'list' ? locs : { type: 'FeatureCollection', features: locs };
    const text = JSON.stringify(f, null, shape === 'list' ? 0 : 2);
    const whole = validateFeed(JSON.parse(text), { baseUrl });
    const sliced = await validateFeedSliced(text, { baseUrl });
    assert.equal(sliced.skipped, whole.skipped);
    assert.deepEqual(sliced.value, whole.value);
    assert.deepEqual([...sliced.problems].sort((a, b) => a.path.localeCompare(b.path) || a.code.localeCompare(b.code)), [...whole.problems].sort((a, b) => a.path.localeCompare(b.path) || a.code.localeCompare(b.code)));
    assert.ok(whole.problems.some((p) => p.code === 'swapped-coordinates'));
  });
}

test('a large locations file gives the same result sliced as whole', async () => {
  const ids = feedIds(validateFeed(countedFeed(), { baseUrl }).value);
  const text = JSON.stringify({ type: 'FeatureCollection', features: big(9000) });
  const whole = validateCollection('locations', JSON.parse(text), { baseUrl, ids });
  const sliced = await validateLocationsSliced(text, { baseUrl, ids });
  assert.equal(sliced.skipped, whole.skipped);
  assert.deepEqual(sliced.value, whole.value);
  assert.deepEqual(new Set(sliced.problems.map((p) => `${p.path} ${p.code}`)), new Set(whole.problems.map((p) => `${p.path} ${p.code}`)));
  assert.equal(sliced.problems.length, whole.problems.length);
});

test('a broken or unexpected text falls back to the whole parse and its error', async () => {
  await assert.rejects(validateFeedSliced('{"version": 1, "locations": [{"type": "Feature"', { baseUrl }), SyntaxError);
  assert.equal(await findLocations('{"version": 1, "locations": {"href": "x.geojson"}}', false), undefined);
  const r = await validateFeedSliced('{"version": 1, "locations": {"href": "x.geojson"}}', { baseUrl });
  assert.deepEqual(r.value.locations, { href: 'https://feeds.example.org/x.geojson' });
});
