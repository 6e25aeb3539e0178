import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { locationMatches, type LocationFilter } from './filter.js';
import { countPacked, packFacets } from './facets.js';
import { feedIds, validateCollection, validateFeed } from './validate.js';
import type { Location } from './types.js';

// The sample network's 5,869 locations, as the elements read them.
const dir = new URL('../../../../demo/feeds/wallonie-bruxelles/', import.meta.url);
const baseUrl = 'https://feeds.example.org/wallonie-bruxelles/feed.json';
const feed = validateFeed(JSON.parse(readFileSync(new URL('feed.json', dir), 'utf8')), { baseUrl }).value;
const locations = validateCollection('locations', JSON.parse(readFileSync(new URL('locations.geojson', dir), 'utf8')), { baseUrl, ids: feedIds(feed) }).value as Location[];

test('a counter counts packed locations exactly as locationMatches filters them, for every kind of filter', () => {
  const packed = packFacets(locations);
  const pick = (ids: string[], n: number) => ids.filter((_, i) => i % n === 0);
  const categories = feed.categories.map((c) => c.id);
  const materials = feed.materials.map((m) => m.id);
  const regions = [...new Set(locations.map((l) => l.address?.region).filter((r): r is string => !!r))];
  const organizations = [...new Set(locations.map((l) => l.organization).filter((o): o is string => !!o))];
  const labels = [...new Set(locations.flatMap((l) => l.labels))];
  const filters: LocationFilter[] = [
    {},
    { categories: [] },
    ...categories.map((c) => ({ categories: [c] })),
    { categories: pick(categories, 2) },
    ...materials.map((m) => ({ materials: [m] })),
    ...regions.map((r) => ({ regions: [r] })),
    { organizations: organizations.slice(0, 3) },
    { labels: labels.slice(0, 1) },
    { categories: categories.slice(0, 2), regions: regions.slice(0, 1) },
    { categories: categories.slice(0, 1), materials: materials.slice(0, 2), regions },
    { categories: ['no-such-id'] },
  ];
  assert.ok(locations.length > 5000 && regions.length > 1 && organizations.length > 0, 'the sample has what the filters need');
  for (const f of filters) assert.equal(countPacked(packed, f), locations.filter((l) => locationMatches(l, f)).length, JSON.stringify(f));
  assert.equal(countPacked(packFacets([]), { categories: ['shop'] }), 0);
});
