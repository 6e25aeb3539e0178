/**
 * The bundled gazetteer: Belgian and French postcodes and localities with a point each
 * (gazetteer/be.geojson, gazetteer/fr.geojson; sources in gazetteer/README.md). A row without
 * coordinates is placed at its postcode's locality, marked `"approximate": true`; the build also
 * writes the places of the feed's area as the feed's `places` collection.
 */
import { readFileSync } from 'node:fs';

export type PlaceName = string | Record<string, string>;

/** One Feature per (postcode, locality), the shape of the feed's `places` collection. */
export interface Place {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: { name: PlaceName; postcode: string; municipality: string; region: string; country: string };
}

/** Lower case, no accents, apostrophes and dashes as spaces: "Braine-l'Alleud" → "braine l alleud". */
export function normalizeName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Every name a place is known by: each language's name and its municipality. */
export function placeNames(p: Place): string[] {
  const n = p.properties.name;
  return [...new Set([...(typeof n === 'string' ? [n] : Object.values(n)), p.properties.municipality])];
}

let cache: Place[] | undefined;

/** All the bundled places, Belgium then France. */
export function loadGazetteer(): Place[] {
  if (!cache) {
    cache = ['be', 'fr'].flatMap((c) => {
      const text = readFileSync(new URL(`../gazetteer/${c}.geojson`, import.meta.url), 'utf8');
      return (JSON.parse(text) as { features: Place[] }).features;
    });
  }
  return cache;
}

/** Places whose name (in any language) or municipality is `name`, ignoring case, accents and dashes. */
export function placesNamed(name: string, places: Place[] = loadGazetteer()): Place[] {
  const key = normalizeName(name);
  return places.filter((p) => placeNames(p).some((n) => normalizeName(n) === key));
}

/**
 * The place of a postcode (and locality, when the postcode has several), or why there is none:
 * `{place}` or `{candidates}` (several places and the locality picks none) or `{}` (unknown postcode).
 * The country, when given ("BE", "FR"), limits the search.
 */
export function placeOf(postcode: string, locality?: string, country?: string, places: Place[] = loadGazetteer()): { place?: Place; candidates?: Place[] } {
  const code = postcode.trim().replace(/^(?:B|F|BE|FR)-\s*/i, '');
  const c = country?.trim().toUpperCase();
  const at = places.filter((p) => p.properties.postcode === code && (!c || p.properties.country === c));
  if (at.length <= 1) return { place: at[0] };
  if (locality?.trim()) {
    const key = normalizeName(locality);
    const named = at.filter((p) => placeNames(p).some((n) => normalizeName(n) === key));
    if (named.length === 1) return { place: named[0] };
  }
  // The same municipality at every place of the postcode (a large French city): its first point.
  if (new Set(at.map((p) => `${p.properties.country}|${p.properties.municipality}`)).size === 1) return { place: at[0] };
  return { candidates: at };
}

/** The places inside a [west, south, east, north] box. */
export function placesIn(bbox: [number, number, number, number], places: Place[] = loadGazetteer()): Place[] {
  const [w, s, e, n] = bbox;
  return places.filter(({ geometry: { coordinates: [x, y] } }) => x >= w && x <= e && y >= s && y <= n);
}
