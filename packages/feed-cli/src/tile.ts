/**
 * `ess-feed tile`: the range-readable form of a large directory.
 *
 * Writes, next to the feed:
 *   locations.fgb            every location as FlatGeobuf: features in Hilbert order behind a
 *                            packed R-tree, so a browser reads only the features in view with
 *                            HTTP range requests, and GDAL/QGIS open the file as it is
 *   locations.index/
 *     index.json             what the finder needs first: count, extent, columns, the files below,
 *                            counts per category
 *     clusters-z{Z}.json     the zoomed-out view, clustered at build time by the same supercluster
 *                            settings as the finder, with counts per category in each cluster
 *     places.json            postcodes and localities of the addresses, at the mean of their points
 *     names/{xx}.json        the name index, split by the first two letters of each word
 *
 * The JavaScript FlatGeobuf writer writes no spatial index (indexNodeSize 0), which is
 * what range reading needs; the index is written here following the format's
 * specification (packed Hilbert R-tree, node size 16), with the library's own
 * feature and column encoders.
 */
import * as flatbuffers from 'flatbuffers';
import Supercluster from 'supercluster';
import { Header } from 'flatgeobuf/lib/mjs/flat-geobuf/header.js';
import { Column } from 'flatgeobuf/lib/mjs/flat-geobuf/column.js';
import { ColumnType } from 'flatgeobuf/lib/mjs/flat-geobuf/column-type.js';
import { GeometryType } from 'flatgeobuf/lib/mjs/flat-geobuf/geometry-type.js';
import { Crs } from 'flatgeobuf/lib/mjs/flat-geobuf/crs.js';
import { buildFeature } from 'flatgeobuf/lib/mjs/generic/feature.js';
import { magicbytes } from 'flatgeobuf/lib/mjs/constants.js';
import { generateLevelBounds, NODE_ITEM_BYTE_LEN } from 'flatgeobuf/lib/mjs/packedrtree.js';
import type { Feed, Location, Text, TiledIndex, TiledName } from '@ess-widgets/core/data';

/** The same settings as the finder's own clusters (finder-index.ts), so the two views agree. */
const CLUSTER_OPTIONS = { radius: 48, extent: 256, minPoints: 3 } as const;
/**
 * Below this zoom the finder draws the precomputed clusters; from it on (a town's
 * streets) it reads the features in view by range.
 */
export const RANGE_ZOOM = 14;
const NODE_SIZE = 16;
/** At most this many places listed for one word of the name index. */
export const NAME_CAP = 200;

/** Columns of locations.fgb: flat values for GIS users, and the whole record for the finder's detail. */
const COLUMNS = [
  ['id', ColumnType.String],
  ['name', ColumnType.String],
  ['categories', ColumnType.String],
  ['materials', ColumnType.String],
  ['organization', ColumnType.String],
  ['postcode', ColumnType.String],
  ['locality', ColumnType.String],
  ['region', ColumnType.String],
  ['openingHours', ColumnType.String],
  ['record', ColumnType.Json],
] as const;

export type TileIndex = TiledIndex;

export interface TileOutput {
  /** Relative path → contents. */
  files: Map<string, Uint8Array | string>;
  index: TileIndex;
}

const textOf = (t: Text | undefined, langs: readonly string[]): string =>
  t === undefined ? '' : typeof t === 'string' ? t : langs.map((l) => t[l]).find(Boolean) ?? Object.values(t)[0] ?? '';

/** Lower case, accents and punctuation folded away: what the finder's search compares. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Position of (x, y) on a Hilbert curve over a 2^16 × 2^16 grid. */
export function hilbert(x: number, y: number): number {
  const n = 1 << 16;
  let d = 0;
  for (let s = n >>> 1; s > 0; s >>>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    // Rotate the quadrant so the curve stays continuous.
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

function header(count: number, bbox: [number, number, number, number]): Uint8Array {
  const b = new flatbuffers.Builder(1024);
  const cols = COLUMNS.map(([name, type]) => {
    const n = b.createString(name);
    Column.startColumn(b);
    Column.addName(b, n);
    Column.addType(b, type);
    Column.addNullable(b, true);
    return Column.endColumn(b);
  });
  const columns = Header.createColumnsVector(b, cols);
  const envelope = Header.createEnvelopeVector(b, bbox);
  const name = b.createString('locations');
  Crs.startCrs(b);
  Crs.addCode(b, 4326);
  const crs = Crs.endCrs(b);
  Header.startHeader(b);
  Header.addName(b, name);
  Header.addEnvelope(b, envelope);
  Header.addGeometryType(b, GeometryType.Point);
  Header.addColumns(b, columns);
  Header.addFeaturesCount(b, BigInt(count));
  Header.addIndexNodeSize(b, NODE_SIZE);
  Header.addCrs(b, crs);
  b.finishSizePrefixed(Header.endHeader(b));
  return b.asUint8Array();
}

const headerMeta = {
  geometryType: GeometryType.Point,
  columns: COLUMNS.map(([name, type]) => ({ name, type, title: null, description: null, width: -1, precision: -1, scale: -1, nullable: true, unique: false, primary_key: false })),
  envelope: null,
  featuresCount: 0,
  indexNodeSize: NODE_SIZE,
  crs: null,
  title: null,
  description: null,
  metadata: null,
};

/**
 * What a location holds beyond its flat columns (street, phone, links, labels,
 * translations of its name …): the finder joins the two back into the record.
 */
export function extra(l: Location): Record<string, unknown> {
  const { lon: _x, lat: _y, id: _i, categories: _c, materials: _m, organization: _o, openingHours: _h, address, name, ...rest } = l;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined && !(Array.isArray(v) && !v.length)) out[k] = v;
  if (typeof name !== 'string') out.name = name;
  if (address) {
    const { postcode: _p, locality: _l, region: _r, ...a } = address;
    if (Object.keys(a).length) out.address = a;
  }
  return out;
}

/** One location as its FlatGeobuf feature bytes. */
function encode(l: Location, langs: readonly string[]): Uint8Array {
  const more = extra(l);
  const props: Record<string, string | null> = {
    id: l.id,
    name: textOf(l.name, langs),
    categories: l.categories.join('|'),
    materials: l.materials.length ? l.materials.join('|') : null,
    organization: l.organization ?? null,
    postcode: l.address?.postcode ?? null,
    locality: l.address?.locality ?? null,
    region: l.address?.region ?? null,
    openingHours: l.openingHours ?? null,
    record: Object.keys(more).length ? JSON.stringify(more) : null,
  };
  const geometry = { xy: [l.lon, l.lat], type: GeometryType.Point } as unknown as Parameters<typeof buildFeature>[0];
  // The library hands back a view into its builder's buffer (a kilobyte or more): copy the few
  // hundred bytes that are the feature, or a million views would keep a million buffers alive.
  return buildFeature(geometry, props, headerMeta as unknown as Parameters<typeof buildFeature>[2]).slice();
}

/**
 * What the tiler keeps of a location once validated: its feature bytes and what
 * the clusters, places and names need — not the whole record (a million of those
 * would not fit the 2 GB a build may take).
 */
export interface Compact {
  id: string;
  lon: number;
  lat: number;
  categories: string[];
  name: string;
  postcode?: string;
  locality?: string;
  bytes: Uint8Array;
}

/** The same names, towns and category lists recur thousands of times: keep one copy of each. */
const strings = new Map<string, string>();
const lists = new Map<string, string[]>();
const one = (v: string | undefined) => {
  if (v === undefined) return undefined;
  let s = strings.get(v);
  if (s === undefined) strings.set(v, (s = v));
  return s;
};

export function compact(l: Location, langs: readonly string[]): Compact {
  const key = l.categories.join('|');
  let categories = lists.get(key);
  if (!categories) lists.set(key, (categories = l.categories));
  return { id: l.id, lon: l.lon, lat: l.lat, categories, name: one(textOf(l.name, langs))!, postcode: one(l.address?.postcode), locality: one(l.address?.locality), bytes: encode(l, langs) };
}

/** Forgets the shared copies (after a run: the CLI process may tile again). */
export function forgetShared(): void {
  strings.clear();
  lists.clear();
}

/** The FlatGeobuf file: magic bytes, header, packed Hilbert R-tree, features in tree order. */
export function flatgeobuf(locations: readonly Compact[]): { bytes: Uint8Array; bbox: [number, number, number, number]; order: Compact[] } {
  if (!locations.length) throw new Error('no location to write');
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const l of locations) {
    if (l.lon < minX) minX = l.lon;
    if (l.lat < minY) minY = l.lat;
    if (l.lon > maxX) maxX = l.lon;
    if (l.lat > maxY) maxY = l.lat;
  }
  const w = maxX - minX || 1, h = maxY - minY || 1;
  const max = (1 << 16) - 1;
  const keys = new Float64Array(locations.length);
  locations.forEach((l, i) => {
    keys[i] = hilbert(Math.floor(((l.lon - minX) / w) * max), Math.floor(((l.lat - minY) / h) * max));
  });
  const idx = Array.from(locations.keys()).sort((a, b) => keys[a] - keys[b] || (locations[a].id < locations[b].id ? -1 : 1));
  const order = idx.map((i) => locations[i]);
  const features = order.map((l) => l.bytes);

  const n = order.length;
  const levels = generateLevelBounds(n, NODE_SIZE);
  const numNodes = levels[0][1];
  const tree = new ArrayBuffer(numNodes * NODE_ITEM_BYTE_LEN);
  const view = new DataView(tree);
  const box = new Float64Array(numNodes * 4);
  // Leaves: each point's box, and the byte offset of its feature in the features section.
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const node = levels[0][0] + i;
    box.set([order[i].lon, order[i].lat, order[i].lon, order[i].lat], node * 4);
    view.setBigUint64(node * NODE_ITEM_BYTE_LEN + 32, BigInt(offset), true);
    offset += features[i].length;
  }
  // Parents, level by level up to the root: the union of their children's boxes, and the first child's index.
  for (let level = 0; level < levels.length - 1; level++) {
    const [start, end] = levels[level];
    const parentStart = levels[level + 1][0];
    for (let child = start, p = parentStart; child < end; child += NODE_SIZE, p++) {
      let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
      for (let k = child; k < Math.min(child + NODE_SIZE, end); k++) {
        a = Math.min(a, box[k * 4]);
        b = Math.min(b, box[k * 4 + 1]);
        c = Math.max(c, box[k * 4 + 2]);
        d = Math.max(d, box[k * 4 + 3]);
      }
      box.set([a, b, c, d], p * 4);
      view.setBigUint64(p * NODE_ITEM_BYTE_LEN + 32, BigInt(child), true);
    }
  }
  for (let i = 0; i < numNodes; i++) for (let k = 0; k < 4; k++) view.setFloat64(i * NODE_ITEM_BYTE_LEN + k * 8, box[i * 4 + k], true);

  const bbox: [number, number, number, number] = [minX, minY, maxX, maxY];
  const head = header(n, bbox);
  const bytes = new Uint8Array(magicbytes.length + head.length + tree.byteLength + offset);
  bytes.set(magicbytes, 0);
  bytes.set(head, magicbytes.length);
  bytes.set(new Uint8Array(tree), magicbytes.length + head.length);
  let at = magicbytes.length + head.length + tree.byteLength;
  const none = new Uint8Array(0);
  for (let i = 0; i < n; i++) {
    bytes.set(features[i], at);
    at += features[i].length;
    // Copied into the file: the feature's own buffer can go (a million of them are half the memory).
    order[i].bytes = none;
    features[i] = none;
  }
  return { bytes, bbox, order };
}

/** The Web Mercator tile (Leaflet's 256 px grid) holding a point at zoom `z`. */
export function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}

/**
 * Clusters for every zoom below RANGE_ZOOM, in files per map tile
 * (`{z}/{x}/{y}`, each cluster in the tile of its centre), so a view reads only
 * its own few. Each entry is `[lon, lat, count, {category: count}]`, or for a
 * single place `[lon, lat, 1, {category: 1}, id, name]`, so it can be named and opened.
 */
function clusterTiles(order: readonly Compact[]): Map<string, unknown[]> {
  const sc = new Supercluster<{ c: Record<string, number>; i: number }, { c: Record<string, number> }>({
    ...CLUSTER_OPTIONS,
    maxZoom: RANGE_ZOOM - 1,
    map: (p) => ({ c: p.c }),
    // supercluster copies a cluster's properties shallowly: the counts are a new object each time.
    reduce: (acc, p) => {
      const c = { ...acc.c };
      for (const [k, v] of Object.entries(p.c)) c[k] = (c[k] ?? 0) + v;
      acc.c = c;
    },
  });
  // Places with the same categories share one counts object (reduce never changes it).
  const shared = new Map<string, Record<string, number>>();
  const countsOf = (cats: string[]) => {
    const key = cats.join('|');
    let c = shared.get(key);
    if (!c) shared.set(key, (c = Object.fromEntries(cats.map((k) => [k, 1]))));
    return c;
  };
  sc.load(order.map((l, i) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [l.lon, l.lat] },
    properties: { c: countsOf(l.categories), i },
  })));
  const out = new Map<string, unknown[]>();
  const r5 = (v: number) => Math.round(v * 1e5) / 1e5;
  for (let z = 0; z < RANGE_ZOOM; z++) {
    for (const f of sc.getClusters([-180, -85, 180, 85], z)) {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties as { cluster?: boolean; point_count?: number; c: Record<string, number>; i?: number };
      const [x, y] = tileOf(lon, lat, z);
      const key = `${z}/${x}/${y}`;
      let list = out.get(key);
      if (!list) out.set(key, (list = []));
      if (p.cluster) list.push([r5(lon), r5(lat), p.point_count, p.c]);
      else {
        const l = order[p.i!];
        list.push([r5(lon), r5(lat), 1, p.c, l.id, l.name]);
      }
    }
  }
  return out;
}

/** The tiled set of validated locations held in memory (tests, small feeds). */
export function tile(feed: Feed, locations: readonly Location[]): TileOutput {
  const langs = feed.languages ?? [];
  return tileCompacts(locations.map((l) => compact(l, langs)));
}

export function tileCompacts(compacts: readonly Compact[]): TileOutput {
  forgetShared();
  const { bytes, bbox, order } = flatgeobuf(compacts);
  const files = new Map<string, Uint8Array | string>();
  files.set('locations.fgb', bytes);

  const tiles = clusterTiles(order);
  for (const [key, list] of tiles) files.set(`locations.index/clusters/${key}.json`, JSON.stringify(list));

  // Places: each postcode and locality at the mean of its points.
  const places = new Map<string, { p?: string; l?: string; x: number; y: number; n: number }>();
  for (const l of order) {
    if (!l.postcode && !l.locality) continue;
    const key = `${l.postcode ?? ''}|${l.locality ?? ''}`;
    const e = places.get(key) ?? { p: l.postcode, l: l.locality, x: 0, y: 0, n: 0 };
    e.x += l.lon;
    e.y += l.lat;
    e.n++;
    places.set(key, e);
  }
  const r5 = (v: number) => Math.round(v * 1e5) / 1e5;
  files.set('locations.index/places.json', JSON.stringify([...places.values()].sort((a, b) => (b.n - a.n)).map((e) => [e.p ?? '', e.l ?? '', r5(e.x / e.n), r5(e.y / e.n), e.n])));

  // Names: every word of a name under its two first letters, at most NAME_CAP places a word
  // (spread over the whole area): "bulle" or "textiles" would otherwise list most of the directory.
  const folded = new Map<string, string[]>();
  const wordsOf = (name: string) => {
    let w = folded.get(name);
    if (!w) folded.set(name, (w = [...new Set(fold(name).split(' ').filter((x) => x.length >= 2))]));
    return w;
  };
  const seen = new Map<string, number>();
  for (const l of order) for (const w of wordsOf(l.name)) seen.set(w, (seen.get(w) ?? 0) + 1);
  const taken = new Map<string, number>();
  const names = new Map<string, TiledName[]>();
  for (const l of order) {
    for (const w of wordsOf(l.name)) {
      const n = taken.get(w) ?? 0;
      taken.set(w, n + 1);
      // Every k-th place of a common word, k chosen so that at most NAME_CAP remain.
      if (n % Math.ceil(seen.get(w)! / NAME_CAP) !== 0) continue;
      const prefix = w.slice(0, 2);
      let list = names.get(prefix);
      if (!list) names.set(prefix, (list = []));
      list.push([w, l.name, r5(l.lon), r5(l.lat), l.id, l.categories.join('|'), l.postcode ?? '', l.locality ?? '']);
    }
  }
  const prefixes = [...names.keys()].sort();
  for (const prefix of prefixes) {
    const list = names.get(prefix)!.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[4] < b[4] ? -1 : 1));
    files.set(`locations.index/names/${encodeURIComponent(prefix)}.json`, JSON.stringify(list));
  }
  names.clear();

  const byCategory: Record<string, number> = {};
  for (const l of order) for (const c of l.categories) byCategory[c] = (byCategory[c] ?? 0) + 1;
  const index: TileIndex = {
    format: 'ess-locations-index',
    version: 1,
    count: order.length,
    bbox,
    rangeZoom: RANGE_ZOOM,
    clusters: 'clusters/{z}/{x}/{y}.json',
    tiles: [...tiles.keys()].sort(),
    places: 'places.json',
    names: 'names/{prefix}.json',
    prefixes,
    byCategory: Object.fromEntries(Object.entries(byCategory).sort()),
    columns: COLUMNS.map(([n]) => n),
  };
  files.set('locations.index/index.json', `${JSON.stringify(index, null, 2)}\n`);
  return { files, index };
}
