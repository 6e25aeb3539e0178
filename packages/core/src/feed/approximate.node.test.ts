import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { feedIds, validateCollection, validateFeed } from './validate.js';
import { feature, minimalFeed } from '../testing/feeds.js';
import type { Location } from './types.js';

const baseUrl = 'https://feeds.example.org/feed.json';

test('"approximate": true marks a point placed at a postcode; anything but a boolean is a warning and ignored', () => {
  const feed = validateFeed(minimalFeed(), { baseUrl }).value;
  const file = {
    type: 'FeatureCollection',
    features: [
      feature('at-postcode', 4.8675, 50.4669, { name: 'A', categories: ['shop'], approximate: true }),
      feature('exact', 4.8675, 50.4669, { name: 'B', categories: ['shop'], approximate: false }),
      feature('odd', 4.8675, 50.4669, { name: 'C', categories: ['shop'], approximate: 'yes' }),
    ],
  };
  const r = validateCollection('locations', file, { baseUrl, ids: feedIds(feed) });
  const byId = Object.fromEntries((r.value as Location[]).map((l) => [l.id, l.approximate]));
  assert.deepEqual(byId, { 'at-postcode': true, exact: undefined, odd: undefined });
  assert.deepEqual(r.problems.map((p) => [p.path, p.code, p.severity]), [['$.features[2].properties.approximate', 'wrong-type', 'warning']]);
  assert.equal(r.skipped, 0);
});

test('the JSON schema knows "approximate" on a location', () => {
  const schema = JSON.parse(readFileSync(new URL('../../schema/feed-v1.schema.json', import.meta.url), 'utf8'));
  assert.equal(schema.$defs.location.properties.properties.properties.approximate.type, 'boolean');
});
