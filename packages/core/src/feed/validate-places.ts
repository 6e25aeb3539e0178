/**
 * The checks of locations and places, the larger part of the validator that
 * only feeds with a map's data need (their coordinates, addresses, opening
 * hours, contact fields, and the advice on points far from the others). The
 * loader imports this module dynamically, only for a document that holds
 * locations or places; validate.ts imports it for the public validator.
 */
import type { Address, Location, PlaceRecord, Problem } from './types.js';
import { distanceMeters } from '../geo/distance.js';
import { Checker, clip, COUNTRY, describe, isObj, MAX_LONG, REGION, Skip, type FeedIds, type Obj, type PlaceChecks } from './validate-core.js';

const POSTCODE = /^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/;
const PHONE = /^\+?[0-9][0-9 ().\/-]{4,24}$/;
const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;
const WHEELCHAIR = ['yes', 'limited', 'no'];

/** Rough bounding boxes [west, south, east, north] of the countries feeds come from, to catch misplaced points. */
const COUNTRY_BOXES: Record<string, [number, number, number, number]> = {
  BE: [2.5, 49.45, 6.45, 51.55],
  FR: [-5.3, 41.3, 9.7, 51.15],
  LU: [5.7, 49.4, 6.55, 50.2],
  NL: [3.3, 50.7, 7.25, 53.6],
  DE: [5.85, 47.25, 15.1, 55.1],
};
const inBox = (lon: number, lat: number, b: [number, number, number, number]) => lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];

function location(raw: Obj, p: string, c: Checker, ids: FeedIds): Location {
  if (raw.type !== 'Feature') throw new Skip(`${p}.type`, 'not-a-feature', `each location must be a GeoJSON Feature ("type": "Feature"), found ${describe(raw.type)}`);
  const id = typeof raw.id === 'number' && Number.isFinite(raw.id) ? String(raw.id) : c.id(raw.id, `${p}.id`);
  const g = raw.geometry;
  if (!isObj(g) || g.type !== 'Point') throw new Skip(`${p}.geometry`, 'no-point', `location "${id}" has no Point geometry; add "geometry": {"type": "Point", "coordinates": [longitude, latitude]}`);
  const xy = g.coordinates;
  if (!Array.isArray(xy) || xy.length < 2 || typeof xy[0] !== 'number' || typeof xy[1] !== 'number' || !Number.isFinite(xy[0]) || !Number.isFinite(xy[1])) {
    throw new Skip(`${p}.geometry.coordinates`, 'bad-coordinates', `location "${id}" needs coordinates as two numbers [longitude, latitude], found ${describe(xy)}`);
  }
  const [lon, lat] = xy as number[];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw new Skip(`${p}.geometry.coordinates`, 'out-of-range', `location "${id}" has coordinates [${lon}, ${lat}] outside the Earth (longitude −180…180, latitude −90…90)`);
  }
  if (lon === 0 && lat === 0) {
    c.warn(`${p}.geometry.coordinates`, 'null-island', `location "${id}" is at [0, 0], in the ocean off Africa: most likely its coordinates are missing; it is shown there until they are fixed`);
  }
  const props = raw.properties;
  const q = `${p}.properties`;
  if (!isObj(props)) throw new Skip(q, 'wrong-type', `location "${id}" needs "properties", found ${describe(props)}`);
  const name = c.text(props.name, `${q}.name`, 'name');
  if (!Array.isArray(props.categories) || !props.categories.length) {
    throw new Skip(`${q}.categories`, 'no-category', `location "${id}" needs at least one category id in "categories"`);
  }
  const categories = c.ids(props.categories, `${q}.categories`, 'categories', ids.categories);
  if (!categories.length) throw new Skip(`${q}.categories`, 'no-known-category', `location "${id}" has no known category; add one of the feed's category ids`);

  const loc: Location = {
    id, lon, lat, name, categories,
    materials: c.opt(props.materials, () => c.ids(props.materials, `${q}.materials`, 'materials', ids.materials)) ?? [],
    labels: c.opt(props.labels, () => c.ids(props.labels, `${q}.labels`, 'labels', ids.labels)) ?? [],
    services: c.opt(props.services, () => c.ids(props.services, `${q}.services`, 'services')) ?? [],
  };
  const org = c.opt(props.organization, () => c.id(props.organization, `${q}.organization`));
  if (org !== undefined) {
    if (ids.organizations.has(org)) loc.organization = org;
    else c.warn(`${q}.organization`, 'unknown-id', `unknown organization "${org}"; it was ignored`);
  }
  const address = c.opt(props.address, () => addressOf(props.address, `${q}.address`, c));
  if (address) loc.address = address;
  const box = address?.country ? COUNTRY_BOXES[address.country] : undefined;
  if (box && !(lon === 0 && lat === 0) && !inBox(lon, lat, box)) {
    const swapped = inBox(lat, lon, box);
    c.warn(
      `${p}.geometry.coordinates`,
      swapped ? 'swapped-coordinates' : 'outside-country',
      swapped
        ? `location "${id}" is in ${address!.country} by its address, but [${lon}, ${lat}] is not; longitude and latitude look swapped: did you mean [${lat}, ${lon}]? (GeoJSON puts the longitude first)`
        : `location "${id}" is in ${address!.country} by its address, but [${lon}, ${lat}] is outside it; check its coordinates (GeoJSON puts the longitude first)`,
    );
  }
  const hours = c.opt(props.openingHours, () => c.str(props.openingHours, `${q}.openingHours`, 'openingHours', 1000));
  if (hours) loc.openingHours = hours.trim();
  const phone = c.opt(props.phone, () => {
    const s = c.str(props.phone, `${q}.phone`, 'phone', 40).trim();
    if (!PHONE.test(s)) throw new Skip(`${q}.phone`, 'bad-phone', `phone "${clip(s)}" is not a phone number such as +32 81 22 33 44`);
    return s;
  });
  if (phone) loc.phone = phone;
  const email = c.opt(props.email, () => {
    const s = c.str(props.email, `${q}.email`, 'email', 254).trim();
    if (!EMAIL.test(s)) throw new Skip(`${q}.email`, 'bad-email', `email "${clip(s)}" is not an e-mail address`);
    return s;
  });
  if (email) loc.email = email;
  const website = c.link(props.website, `${q}.website`, true);
  if (website) loc.website = website;
  const report = c.link(props.report, `${q}.report`);
  if (report) loc.report = report;
  const wheelchair = c.opt(props.accessibility, () => {
    const a = props.accessibility;
    if (!isObj(a)) throw new Skip(`${q}.accessibility`, 'wrong-type', `accessibility must be an object such as {"wheelchair": "yes"}, found ${describe(a)}`);
    if (a.wheelchair === undefined) return undefined;
    if (!WHEELCHAIR.includes(a.wheelchair as string)) throw new Skip(`${q}.accessibility.wheelchair`, 'bad-value', `wheelchair must be "yes", "limited" or "no", found ${describe(a.wheelchair)}`);
    return a.wheelchair as 'yes' | 'limited' | 'no';
  });
  if (wheelchair) loc.accessibility = { wheelchair };
  const description = c.opt(props.description, () => c.text(props.description, `${q}.description`, 'description', MAX_LONG));
  if (description) loc.description = description;
  if (props.approximate === true) loc.approximate = true;
  else if (props.approximate !== undefined && props.approximate !== false) {
    c.warn(`${q}.approximate`, 'wrong-type', `approximate must be true or false, found ${describe(props.approximate)}; it was ignored`);
  }
  return loc;
}

/**
 * A place of the gazetteer: a GeoJSON Feature with a Point, a name (text, in
 * every language that has its own), and optionally postcode, municipality,
 * region and country.
 */
function place(raw: Obj, p: string, c: Checker): PlaceRecord {
  if (raw.type !== 'Feature') throw new Skip(`${p}.type`, 'not-a-feature', `each place must be a GeoJSON Feature ("type": "Feature"), found ${describe(raw.type)}`);
  const id = c.id(raw.id, `${p}.id`);
  const g = raw.geometry;
  if (!isObj(g) || g.type !== 'Point') throw new Skip(`${p}.geometry`, 'no-point', `place "${id}" has no Point geometry; add "geometry": {"type": "Point", "coordinates": [longitude, latitude]}`);
  const xy = g.coordinates;
  if (!Array.isArray(xy) || xy.length < 2 || typeof xy[0] !== 'number' || typeof xy[1] !== 'number' || !Number.isFinite(xy[0]) || !Number.isFinite(xy[1])) {
    throw new Skip(`${p}.geometry.coordinates`, 'bad-coordinates', `place "${id}" needs coordinates as two numbers [longitude, latitude], found ${describe(xy)}`);
  }
  const [lon, lat] = xy as number[];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw new Skip(`${p}.geometry.coordinates`, 'out-of-range', `place "${id}" has coordinates [${lon}, ${lat}] outside the Earth (longitude −180…180, latitude −90…90)`);
  }
  const props = raw.properties;
  const q = `${p}.properties`;
  if (!isObj(props)) throw new Skip(q, 'wrong-type', `place "${id}" needs "properties", found ${describe(props)}`);
  const out: PlaceRecord = { id, lon, lat, name: c.text(props.name, `${q}.name`, 'name') };
  const postcode = c.opt(props.postcode, () => {
    if (typeof props.postcode !== 'string' || !POSTCODE.test(props.postcode)) throw new Skip(`${q}.postcode`, 'bad-postcode', `postcode must be text such as "5000", found ${describe(props.postcode)}`);
    return props.postcode;
  });
  if (postcode) out.postcode = postcode;
  const municipality = c.opt(props.municipality, () => c.str(props.municipality, `${q}.municipality`, 'municipality'));
  if (municipality) out.municipality = municipality;
  const region = c.opt(props.region, () => {
    if (typeof props.region !== 'string' || !REGION.test(props.region)) throw new Skip(`${q}.region`, 'bad-region', `${describe(props.region)} is not an ISO 3166-2 region code such as BE-WAL`);
    return props.region;
  });
  if (region) out.region = region;
  const country = c.opt(props.country, () => {
    if (typeof props.country !== 'string' || !COUNTRY.test(props.country)) throw new Skip(`${q}.country`, 'bad-country', `${describe(props.country)} is not an ISO 3166-1 country code such as BE`);
    return props.country;
  });
  if (country) out.country = country;
  return out;
}

function addressOf(a: unknown, p: string, c: Checker): Address | undefined {
  if (!isObj(a)) throw new Skip(p, 'wrong-type', `address must be an object with street, postcode, locality, region, country; found ${describe(a)}`);
  const out: Address = {};
  for (const k of ['street', 'postcode', 'locality'] as const) {
    const v = c.opt(a[k], () => c.str(typeof a[k] === 'number' ? String(a[k]) : a[k], `${p}.${k}`, k).trim());
    if (v) out[k] = v;
  }
  const region = c.opt(a.region, () => {
    if (typeof a.region !== 'string' || !REGION.test(a.region)) throw new Skip(`${p}.region`, 'bad-region', `${describe(a.region)} is not an ISO 3166-2 region code such as BE-WAL`);
    return a.region;
  });
  if (region) out.region = region;
  const country = c.opt(a.country, () => {
    if (typeof a.country !== 'string' || !COUNTRY.test(a.country)) throw new Skip(`${p}.country`, 'bad-country', `${describe(a.country)} is not an ISO 3166-1 country code such as BE`);
    return a.country;
  });
  if (country) out.country = country;
  return Object.keys(out).length ? out : undefined;
}

function checkLocations(list: unknown[], path: string, c: Checker, ids: FeedIds, bulk = true): Location[] {
  const at = new Map<Location, string>();
  const out = c.records(list, path, (r, p) => {
    const loc = location(r, p, c, ids);
    at.set(loc, p);
    return loc;
  });
  if (bulk) c.problems.push(...bulkAdvice(out, (l) => at.get(l)!, c.problems));
  return out;
}

/** At least this many points before "far from the others" means anything. */
const BULK_MIN = 5;
/** Above this many values the median is taken over an even sample of them (every k-th). */
const MEDIAN_SAMPLE = 10_000;
const median = (xs: number[]) => {
  // A typed array sorts numbers natively; a long list is sampled evenly (the same values on every
  // path, so the sliced parser and the whole-document validator agree): at 100,000 points sorting
  // them all was one task of about 100 ms on the page, for a bound that is only ever "ten times".
  const step = Math.ceil(xs.length / MEDIAN_SAMPLE);
  const s = (step > 1 ? Float64Array.from({ length: Math.ceil(xs.length / step) }, (_, i) => xs[i * step]) : Float64Array.from(xs)).sort();
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Advice on a whole list of locations (run once over all of them, also when
 * they were checked in chunks): points far from the bulk of the others (ten times the median distance to
 * the median point, and at least 300 km), and those that swapped would sit
 * among them. Kept on the map; the publisher is told.
 */
export function bulkAdvice(list: readonly Location[], pathOf: (l: Location) => string, existing: readonly Problem[]): Problem[] {
  const out: Problem[] = [];
  for (const _ of adviceSteps(list, pathOf, existing, out));
  return out;
}

/** Points between the steps of bulkAdvice: at 100,000 points the whole pass is one task of about 20 ms here, 80 on a phone. */
const ADVICE_STEP = 5_000;

/** The work of bulkAdvice, pushing into `out`, yielding every ADVICE_STEP points (the sliced parser pauses there, sliced.ts). */
export function* adviceSteps(list: readonly Location[], pathOf: (l: Location) => string, existing: readonly Problem[], out: Problem[]): Generator<void> {
  const pts = list.filter((l) => !(l.lon === 0 && l.lat === 0));
  if (pts.length < BULK_MIN) return;
  const flagged = new Set(existing.filter((x) => x.code === 'swapped-coordinates' || x.code === 'outside-country').map((x) => x.path));
  const lon = median(pts.map((l) => l.lon));
  const lat = median(pts.map((l) => l.lat));
  // The distances are the pass's work (the rest is a comparison per point): the pauses are there.
  const d: number[] = [];
  for (const l of pts) if (d.push(distanceMeters(lat, lon, l.lat, l.lon)) % ADVICE_STEP === 0) yield;
  const limit = Math.max(300_000, 10 * median(d));
  const around = `[${lon.toFixed(2)}, ${lat.toFixed(2)}]`;
  pts.forEach((l, i) => {
    if (d[i] <= limit) return;
    const p = `${pathOf(l)}.geometry.coordinates`;
    if (flagged.has(p)) return;
    const km = Math.round(d[i] / 1000).toLocaleString('en');
    const swapped = Math.abs(l.lon) <= 90 && distanceMeters(lat, lon, l.lon, l.lat) <= limit;
    out.push({
      path: p,
      code: swapped ? 'swapped-coordinates' : 'far-from-others',
      severity: 'warning',
      message: swapped
        ? `location "${l.id}" at [${l.lon}, ${l.lat}] is ${km} km from the other points (around ${around}); longitude and latitude look swapped: did you mean [${l.lat}, ${l.lon}]? (GeoJSON puts the longitude first)`
        : `location "${l.id}" at [${l.lon}, ${l.lat}] is ${km} km from the other points (around ${around}); check its coordinates`,
    });
  });
}

/** The checks validateFeedWith and validateCollectionWith (validate-core.ts) are given. */
export const placeChecks: PlaceChecks = { checkLocations, place };
