import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeedShapeError, resolveUrl, validateCollection, validateFeed, feedIds } from './validate.js';
import { hostileCases } from './fixtures/hostile.js';
import { minimalFeed, feature } from '../testing/feeds.js';
import type { Location } from './types.js';

const baseUrl = 'https://feeds.example.org/ressources/feed.json';

test('the minimal feed validates with no problem', () => {
  const r = validateFeed(minimalFeed(), { baseUrl });
  assert.deepEqual(r.problems, []);
  assert.equal((r.value.locations as Location[]).length, 3);
});

for (const c of hostileCases) {
  test(`hostile feed: ${c.name}`, () => {
    if (c.fatal) {
      assert.throws(() => validateFeed(c.feed(), { baseUrl }), (e: unknown) => e instanceof FeedShapeError && e.message.includes(c.fatal!));
      return;
    }
    const r = validateFeed(c.feed(), { baseUrl });
    assert.deepEqual(
      r.problems.map((p) => ({ path: p.path, code: p.code, severity: p.severity })),
      c.problems,
    );
    assert.deepEqual((r.value.locations as Location[]).map((l) => l.id), c.survivors);
    for (const p of r.problems) assert.ok(p.message.length > 10, `a human reason for ${p.path}`);
  });
}

test('the javascript: website is removed but the location keeps its other fields', () => {
  const r = validateFeed(hostileCases[0].feed(), { baseUrl });
  const evil = (r.value.locations as Location[]).find((l) => l.id === 'evil')!;
  assert.equal(evil.website, undefined);
  assert.equal(evil.name, 'Evil');
  assert.match(r.problems[0].message, /"javascript:" are not allowed/);
});

test('relative links resolve against the feed URL; only https, http, mailto and tel are kept', () => {
  assert.deepEqual(resolveUrl('shops/namur.html', baseUrl), { url: 'https://feeds.example.org/ressources/shops/namur.html' });
  assert.deepEqual(resolveUrl('mailto:info@example.org', baseUrl), { url: 'mailto:info@example.org' });
  assert.deepEqual(resolveUrl('tel:+3281223344', baseUrl), { url: 'tel:+3281223344' });
  for (const bad of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'ftp://x.org/']) {
    assert.ok('reason' in resolveUrl(bad, baseUrl), bad);
  }
});

test('an href collection is resolved, not fetched, by the validator', () => {
  const r = validateFeed(minimalFeed({ locations: { href: 'locations.geojson' } }), { baseUrl });
  assert.deepEqual(r.value.locations, { href: 'https://feeds.example.org/ressources/locations.geojson' });
});

test('an href with a javascript: scheme rejects the document', () => {
  assert.throws(() => validateFeed(minimalFeed({ locations: { href: 'javascript:alert(1)' } }), { baseUrl }), FeedShapeError);
});

test('an inline FeatureCollection is accepted with paths under features', () => {
  const f = minimalFeed();
  f.locations = { type: 'FeatureCollection', features: [...(f.locations as unknown[]), feature('bad', 500, 0, { name: 'x', categories: ['shop'] })] };
  const r = validateFeed(f, { baseUrl });
  assert.equal((r.value.locations as Location[]).length, 3);
  assert.equal(r.problems[0].path, '$.locations.features[3].geometry.coordinates');
});

test('a separate locations file validates against the feed ids, paths from its own root', () => {
  const feed = validateFeed(minimalFeed(), { baseUrl }).value;
  const file = { type: 'FeatureCollection', features: [feature('a', 4, 50, { name: 'A', categories: ['shop'] }), feature('b', 4, 50, { name: 'B', categories: ['nope'] })] };
  const r = validateCollection('locations', file, { baseUrl, ids: feedIds(feed) });
  assert.deepEqual(r.value.map((l) => l.id), ['a']);
  assert.equal(r.skipped, 1);
  assert.equal(r.problems.at(-1)!.path, '$.features[1].properties.categories');
  assert.throws(() => validateCollection('locations', { type: 'Feature' }, { baseUrl, ids: feedIds(feed) }), FeedShapeError);
});

test('translatable texts keep every language; a bad language tag skips the record', () => {
  const f = minimalFeed();
  const name = { fr: 'Bulle à textiles', nl: 'Textielcontainer', de: 'Altkleidercontainer', en: 'Textile bank', 'fr-BE': 'Bulle', es: 'Contenedor' };
  (f.locations as unknown[]).push(feature('every-language', 4, 50, { name, description: { ...name }, categories: ['shop'] }));
  (f.locations as unknown[]).push(feature('tagged', 4, 50, { name: { fr: 'Bulle', 'not a tag': 'x' }, categories: ['shop'] }));
  const r = validateFeed(f, { baseUrl });
  const locations = r.value.locations as Location[];
  const kept = locations.find((l) => l.id === 'every-language');
  assert.ok(kept, 'the record in every language is kept');
  assert.deepEqual(kept.name, name, 'its name keeps every language, tags and all');
  assert.deepEqual(kept.description, name, 'and so does its description');
  assert.deepEqual(r.problems.map((p) => [p.code, p.path]), [['bad-language', '$.locations[4].properties.name.not a tag']]);
  assert.equal(locations.find((l) => l.id === 'tagged'), undefined, 'the record with a bad tag is skipped');
  assert.equal(r.skipped, 1);
});

test('stat regions accept one code or a list, and campaign instants are compared as instants', () => {
  const r = validateFeed(
    minimalFeed({
      stats: [{ id: 'share', value: 12, unit: 'percent', label: 'emploi', region: ['BE-WAL', 'BE-BRU'] }, { id: 'jobs', value: 7900, label: 'x', region: 'BE-WAL' }],
      campaigns: [{ id: 'c', title: 'T', start: '2023-02-27T00:00:00+01:00', end: '2023-04-24T00:00:00+02:00' }],
    }),
    { baseUrl },
  );
  assert.deepEqual(r.problems, []);
  const stats = r.value.stats as { regions: string[] }[];
  assert.deepEqual(stats[0].regions, ['BE-WAL', 'BE-BRU']);
  assert.deepEqual(stats[1].regions, ['BE-WAL']);
  const [c] = r.value.campaigns as { startMs: number }[];
  assert.equal(c.startMs, Date.UTC(2023, 1, 26, 23, 0, 0));
});

test('the place checks load only when needed: a feed without inline locations or places validates the same without them', async () => {
  const { needsPlaceChecks, validateFeedWith } = await import('./validate-core.js');
  const inline = minimalFeed();
  assert.equal(needsPlaceChecks(inline), true);
  assert.equal(needsPlaceChecks({ ...inline, locations: { type: 'FeatureCollection', features: inline.locations } }), true);
  assert.throws(() => validateFeedWith(inline, { baseUrl }), /place checks/);
  for (const raw of [{ ...inline, locations: { href: 'locations.geojson' } }, { ...inline, locations: [] }, { ...inline, locations: { type: 'FeatureCollection', features: [] } }]) {
    assert.equal(needsPlaceChecks(raw), false);
    assert.deepEqual(validateFeedWith(raw, { baseUrl }), validateFeed(raw, { baseUrl }));
  }
});

test('a missing value is named as missing, not "undefined undefined"', () => {
  assert.throws(
    () => validateCollection('locations', { features: [] }, { baseUrl, ids: feedIds(validateFeed(minimalFeed(), { baseUrl }).value) }),
    (e: unknown) => e instanceof FeedShapeError && /\("type": "FeatureCollection"\), found nothing\.$/.test(e.message),
  );
  assert.throws(() => validateFeed({ version: 1, locations: { type: 'FeatureCollection' } }, { baseUrl }), (e: unknown) => e instanceof FeedShapeError && e.message.endsWith('found nothing.'));
});
