// `ess-feed stats` counts by the rule every element filters by (core's locationMatches): the count
// it writes for a category, material, label, region or organisation is the number of locations
// the counter, nearby points and the finder would show for that one value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { locationMatches, validateCollection, validateFeed, feedIds, type LocationFilter } from '@ess-widgets/core/data';
import { countLocations, DIMENSIONS } from './stats.js';

const dir = new URL('../../../demo/feeds/wallonie-bruxelles/', import.meta.url);
const baseUrl = new URL('feed.json', dir).href;

test('each count of ess-feed stats is what the elements filter by that value', () => {
  const feed = validateFeed(JSON.parse(readFileSync(new URL('feed.json', dir), 'utf8')), { baseUrl, allowFileUrls: true }).value;
  const locations = validateCollection('locations', JSON.parse(readFileSync(new URL('locations.geojson', dir), 'utf8')), { baseUrl, allowFileUrls: true, ids: feedIds(feed) }).value;
  const counts = countLocations(locations);
  assert.equal(counts.total, locations.length);
  let values = 0;
  for (const dim of DIMENSIONS) {
    const ids = Object.keys(counts[dim]);
    assert.ok(ids.length > 0, `the sample has ${dim}`);
    for (const id of ids) {
      const filter: LocationFilter = { [dim]: [id] };
      assert.equal(counts[dim][id], locations.filter((l) => locationMatches(l, filter)).length, `${dim} ${id}`);
      values++;
    }
  }
  assert.ok(values > 20, `${values} values compared`);
});
