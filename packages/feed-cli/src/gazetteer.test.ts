import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadGazetteer, placeOf, placesNamed, type Place } from './gazetteer.js';

const file = (c: string) => JSON.parse(readFileSync(new URL(`../gazetteer/${c}.geojson`, import.meta.url), 'utf8')) as { type: string; features: Place[] };

// A name as people write it, in French, Dutch, German or English → the municipality and postcode.
const NAMES: [string, string, string][] = [
  ['Bruxelles', 'Bruxelles', '1000'], ['Brussel', 'Bruxelles', '1000'], ['Brüssel', 'Bruxelles', '1000'], ['Brussels', 'Bruxelles', '1000'],
  ['Liège', 'Liège', '4000'], ['Luik', 'Liège', '4000'], ['Lüttich', 'Liège', '4000'], ['liege', 'Liège', '4000'],
  ['Namen', 'Namur', '5000'], ['Bergen', 'Mons', '7000'], ['Doornik', 'Tournai', '7500'], ['Aarlen', 'Arlon', '6700'],
  ['Waver', 'Wavre', '1300'], ['Nijvel', 'Nivelles', '1400'], ['Moeskroen', 'Mouscron', '7700'],
  ['Anvers', 'Antwerpen', '2000'], ['Antwerp', 'Antwerpen', '2000'], ['Louvain', 'Leuven', '3000'], ['Löwen', 'Leuven', '3000'],
  ['Tirlemont', 'Tienen', '3300'], ['Courtrai', 'Kortrijk', '8500'], ['Malines', 'Mechelen', '2800'], ['Gand', 'Gent', '9000'],
  ['Ghent', 'Gent', '9000'], ['Bruges', 'Brugge', '8000'], ['Brügge', 'Brugge', '8000'], ['Ostende', 'Oostende', '8400'],
  ['Ostend', 'Oostende', '8400'], ['Ypres', 'Ieper', '8900'], ['Ypern', 'Ieper', '8900'],
  ['Elsene', 'Ixelles', '1050'], ['Ukkel', 'Uccle', '1180'], ['Sint-Jans-Molenbeek', 'Molenbeek-Saint-Jean', '1080'], ['Vorst', 'Forest', '1190'],
  ['Kelmis', 'Kelmis', '4720'], ['La Calamine', 'Kelmis', '4720'], ['Sankt Vith', 'Sankt Vith', '4780'], ['Bütgenbach', 'Bütgenbach', '4750'],
  ['Rijsel', 'Lille', '59000'], ['Duinkerke', 'Dunkerque', '59140'], ['Atrecht', 'Arras', '62000'],
];

test('a place named in French, Dutch, German or English is found with its municipality and postcode', () => {
  const misses: string[] = [];
  for (const [name, municipality, postcode] of NAMES) {
    const found = placesNamed(name).map((p) => `${p.properties.municipality} ${p.properties.postcode}`);
    if (!found.includes(`${municipality} ${postcode}`)) misses.push(`${name}: expected ${municipality} ${postcode}, found ${found.join(', ') || 'nothing'}`);
  }
  assert.deepEqual(misses, []);
  assert.ok(new Set(NAMES.map(([n]) => n)).size >= 20);
});

test('the 19 Brussels communes are there, each with its French and Dutch name', () => {
  const bru = loadGazetteer().filter((p) => p.properties.region === 'BE-BRU');
  assert.equal(new Set(bru.map((p) => p.properties.municipality)).size, 19);
  for (const p of bru) assert.ok(typeof p.properties.name === 'object' && p.properties.name.fr && p.properties.name.nl, p.id);
});

test('each file is a FeatureCollection of the contract\'s shape, sorted by id, ids unique', () => {
  for (const c of ['be', 'fr']) {
    const g = file(c);
    assert.equal(g.type, 'FeatureCollection');
    const ids = g.features.map((f) => f.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    assert.equal(new Set(ids).size, ids.length);
    for (const f of g.features) {
      assert.deepEqual(Object.keys(f), ['type', 'id', 'geometry', 'properties'], f.id);
      assert.deepEqual(Object.keys(f.properties), ['name', 'postcode', 'municipality', 'region', 'country'], f.id);
      assert.match(f.id, new RegExp(`^${c}-${f.properties.postcode}-[a-z0-9-]+$`));
      assert.equal(f.properties.country, c.toUpperCase());
      const [lon, lat] = f.geometry.coordinates;
      assert.ok(c === 'be' ? lon > 2.5 && lon < 6.5 && lat > 49.4 && lat < 51.6 : lon > -5.5 && lon < 10 && lat > 41 && lat < 51.2, `${f.id} at ${lon},${lat}`);
    }
  }
});

test('every Belgian postcode lies in its region\'s postcode ranges (catches a mistyped code)', () => {
  const ranges: Record<string, [number, number][]> = {
    'BE-BRU': [[1000, 1299]],
    'BE-WAL': [[1300, 1499], [4000, 7999]],
    'BE-VLG': [[1500, 3999], [8000, 9999]],
  };
  const wrong = file('be').features.filter((f) => !ranges[f.properties.region].some(([a, b]) => +f.properties.postcode >= a && +f.properties.postcode <= b));
  assert.deepEqual(wrong.map((f) => f.id), []);
  // French postcodes of Hauts-de-France start with its departments' numbers.
  const hdf = file('fr').features.filter((f) => f.properties.region === 'FR-HDF');
  assert.ok(hdf.length > 800);
  assert.deepEqual(hdf.filter((f) => !/^(02|59|60|62|80)\d{3}$/.test(f.properties.postcode)).map((f) => f.id), []);
});

test('a postcode gives its place; a shared postcode needs the locality; an unknown one gives none', () => {
  assert.equal(placeOf('5000').place?.properties.municipality, 'Namur');
  assert.equal(placeOf('B-4000', 'Luik').place?.properties.municipality, 'Liège');
  // 1348 Louvain-la-Neuve and 1340 Ottignies: one municipality, two postcodes.
  assert.equal(placeOf('1348').place?.id, 'be-1348-louvain-la-neuve');
  // Lille's five postcodes are all Lille.
  assert.equal(placeOf('59800').place?.properties.municipality, 'Lille');
  assert.deepEqual(placeOf('9999'), { place: undefined });
  assert.equal(placeOf('5000', undefined, 'FR').place, undefined);
});
