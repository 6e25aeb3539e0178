// Places by any of their names: the gazetteer rows of the feed contract, read by the validator, found by PlaceIndex.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { PlaceIndex } from './places.js';
import { validateCollection, validateFeed } from '../feed/validate.js';
import { feature, fixturePlaces, minimalFeed } from '../testing/index.js';

const baseUrl = 'https://feeds.example.org/feed.json';
const places = () => validateCollection('places', { type: 'FeatureCollection', features: fixturePlaces() }, { baseUrl });

// Name as a visitor types it → the municipality it must find. fr, nl, de, en; accents, case and spaces slip.
const TABLE: [string, string][] = [
  ['Bruxelles', 'Bruxelles'], ['Brussel', 'Bruxelles'], ['Brüssel', 'Bruxelles'], ['Brussels', 'Bruxelles'], ['brussel ', 'Bruxelles'],
  ['Liège', 'Liège'], ['Liege', 'Liège'], ['Luik', 'Liège'], ['Lüttich', 'Liège'], ['luttich', 'Liège'],
  ['Namur', 'Namur'], ['Namen', 'Namur'], ['Namür', 'Namur'], ['namur ', 'Namur'], ['Jambes', 'Namur'],
  ['Mons', 'Mons'], ['Bergen', 'Mons'], ['Doornik', 'Tournai'], ['Tournai', 'Tournai'], ['Moeskroen', 'Mouscron'],
  ['Anvers', 'Antwerpen'], ['Antwerp', 'Antwerpen'], ['Louvain', 'Leuven'], ['Löwen', 'Leuven'], ['Courtrai', 'Kortrijk'],
  ['Gand', 'Gent'], ['Ghent', 'Gent'], ['Rijsel', 'Lille'], ['Duinkerke', 'Dunkerque'], ['Dunkirk', 'Dunkerque'],
  ['Elsene', 'Ixelles'], ['Schaarbeek', 'Schaerbeek'], ['Sint-Gillis', 'Saint-Gilles'], ['sint gillis', 'Saint-Gilles'], ['Ukkel', 'Uccle'],
  ['Vorst', 'Forest'], ['Watermaal-Bosvoorde', 'Watermael-Boitsfort'], ['Sint-Jans-Molenbeek', 'Molenbeek-Saint-Jean'], ['Laken', 'Bruxelles'],
  ['Aarlen', 'Arlon'], ['Arel', 'Arlon'], ['Hoei', 'Huy'], ['Nijvel', 'Nivelles'], ['Waver', 'Wavre'],
  ['5000', 'Namur'], ['1000', 'Bruxelles'], ['4000 Liège', 'Liège'], ['Luik 4000', 'Liège'], ['02100', 'Saint-Quentin'],
];

test(`the gazetteer finds ${TABLE.length} names in four languages`, () => {
  const index = new PlaceIndex([], places().value);
  const wrong = TABLE.filter(([q, m]) => index.find(q)?.municipality !== m).map(([q, m]) => `${q} → ${index.find(q)?.municipality ?? 'nothing'} (expected ${m})`);
  assert.deepEqual(wrong, []);
});

test('labels are in the visitor’s language, else the place’s own', () => {
  const index = new PlaceIndex([], places().value);
  assert.equal(index.find('Liège', 'nl')?.label, '4000 Luik');
  assert.equal(index.find('Luik', 'fr')?.label, '4000 Liège');
  assert.equal(index.find('Brussel', 'de')?.label, '1000 Brüssel');
  assert.equal(index.find('Jambes', 'nl')?.label, '5100 Jambes');
  assert.equal(index.find('Rijsel', 'en')?.label, '59000 Lille');
});

test('an unknown name finds nothing; a prefix lists the main locality first', () => {
  const index = new PlaceIndex([], places().value);
  assert.equal(index.find('Xyzzyville'), undefined);
  assert.equal(index.find('Paris'), undefined);
  assert.deepEqual(index.search('Bru', 8, 'fr').map((p) => p.label), ['1000 Bruxelles']);
  assert.deepEqual(index.search('Sint', 8, 'nl').map((p) => p.label), ['1060 Sint-Gillis', '1080 Sint-Jans-Molenbeek']);
  assert.deepEqual(index.search('1', 3).map((p) => p.postcode), ['1000', '1020', '1030']);
});

test('without a gazetteer, the feed’s own addresses serve', () => {
  const locs = validateFeed(minimalFeed({ locations: [
    feature('a', 4.87, 50.47, { name: 'A', categories: ['shop'], address: { postcode: '5000', locality: 'Namur' } }),
    feature('b', 4.89, 50.45, { name: 'B', categories: ['shop'], address: { postcode: '5100', locality: 'Jambes' } }),
  ] }), { baseUrl }).value.locations as never;
  const index = new PlaceIndex(locs);
  assert.equal(index.find('namur ')?.label, '5000 Namur');
  assert.equal(index.find('5100')?.label, '5100 Jambes');
  assert.equal(index.find('Namen'), undefined);
  // With a gazetteer the addresses are not needed, and Dutch names work.
  assert.equal(new PlaceIndex(locs, places().value).find('Namen')?.label, '5000 Namur');
});

// The schema and the validator agree on places (the same rule as the feed's other collections).
const read = (p: string) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(read('../../schema/feed-v1.schema.json'));
ajv.addSchema(read('../../schema/places-v1.schema.json'));

test('places: every fixture row passes both the schema and the validator', () => {
  const r = places();
  assert.equal(r.skipped, 0);
  assert.equal(r.value.length, fixturePlaces().length);
  assert.equal(ajv.validate('urn:ess-widgets:places-v1', { type: 'FeatureCollection', features: fixturePlaces() }), true, JSON.stringify(ajv.errors?.slice(0, 3)));
  assert.equal(ajv.validate('urn:ess-widgets:feed-v1', minimalFeed({ places: fixturePlaces() })), true, JSON.stringify(ajv.errors?.slice(0, 3)));
  assert.equal(ajv.validate('urn:ess-widgets:feed-v1', minimalFeed({ places: { href: 'places.geojson' } })), true);
});

test('places: a bad row is skipped by both, the others kept; a wrong field is dropped with a warning', () => {
  const rows = fixturePlaces().slice(0, 3);
  const bad = [
    { ...rows[0], geometry: { type: 'Point', coordinates: [200, 50] } },
    { ...rows[1], properties: { postcode: '1020' } },
    { ...rows[2], properties: { ...(rows[2].properties as object), region: 'Brussels' } },
    { type: 'Feature', id: 'x', geometry: { type: 'Point', coordinates: [4, 50] }, properties: { name: 'X', postcode: 5000 } },
  ];
  const r = validateCollection('places', bad, { baseUrl });
  assert.deepEqual(r.value.map((p) => p.id), ['be-1050-ixelles', 'x']);
  assert.deepEqual(r.problems.map((p) => `${p.severity} ${p.path} ${p.code}`), [
    'error $[0].geometry.coordinates out-of-range',
    'error $[1].properties.name wrong-type',
    'warning $[2].properties.region bad-region',
    'warning $[3].properties.postcode bad-postcode',
  ]);
  ajv.validate('urn:ess-widgets:feed-v1', minimalFeed({ places: bad }));
  const flagged = [...new Set((ajv.errors ?? []).map((e) => Number(/^\/places\/(\d+)/.exec(e.instancePath)?.[1])))].filter((i) => !Number.isNaN(i)).sort();
  assert.deepEqual(flagged, [0, 1, 2, 3]);
  // A feed with places inline keeps them; the message names the place.
  const feed = validateFeed(minimalFeed({ places: bad }), { baseUrl });
  assert.equal((feed.value.places as unknown[]).length, 2);
  assert.match(feed.problems.find((p) => p.path === '$.places[0].geometry.coordinates')!.message, /place "be-1000-bruxelles"/);
});

test('places: a "places" that is neither a list nor a link rejects the document', () => {
  assert.throws(() => validateFeed(minimalFeed({ places: 'everywhere' }), { baseUrl }), /"places" must be a list/);
});

// The same names against the gazetteer the project bundles (packages/feed-cli/gazetteer): real data, not only the fixture.
test('the bundled gazetteer finds the same names', () => {
  const rows = ['be', 'fr'].flatMap((c) => validateCollection('places', read(`../../../feed-cli/gazetteer/${c}.geojson`), { baseUrl }).value);
  assert.ok(rows.length > 1000, `${rows.length} places`);
  const index = new PlaceIndex([], rows);
  // One locality per municipality there (no Jambes, no Laken); 02100 is shared by several communes.
  const table: [string, string][] = [...TABLE.filter(([q]) => !['Jambes', 'Laken', '02100'].includes(q)), ['59000', 'Lille'], ['Rijsel', 'Lille'], ['Kortrijk', 'Kortrijk'], ['Sint-Lambrechts-Woluwe', 'Woluwe-Saint-Lambert']];
  const wrong = table.filter(([q, m]) => index.find(q)?.municipality !== m).map(([q, m]) => `${q} → ${index.find(q)?.label ?? 'nothing'} in ${index.find(q)?.municipality} (expected ${m})`);
  assert.deepEqual(wrong, []);
  assert.equal(index.find('Luik', 'nl')?.label, '4000 Luik');
  assert.equal(index.find('Xyzzyville'), undefined);
});

for (const [dir, q, label] of [['wallonie-bruxelles', 'Luik', '4000 Luik'], ['hauts-de-france', 'Rijsel', '59000 Rijsel']]) {
  test(`the ${dir} sample feed's places pass schema and validator with zero problems, and find ${q}`, () => {
    const raw = read(`../../../../demo/feeds/${dir}/places.geojson`);
    assert.equal(ajv.validate('urn:ess-widgets:places-v1', raw), true, JSON.stringify(ajv.errors?.slice(0, 3)));
    const r = validateCollection('places', raw, { baseUrl });
    assert.deepEqual(r.problems, []);
    assert.equal(r.value.length, raw.features.length);
    assert.equal(new PlaceIndex([], r.value).find(q, 'nl')?.label, label);
  });
}
