/**
 * `ess-feed tile`: the range-readable form of a large directory.
 *
 * Writes, next to the feed:
 *   locations.fgb            every location as FlatGeobuf: features in Hilbert order behind a
 *                            packed R-tree, so a browser reads only the features in view with
 *                            HTTP range requests, and GDAL/QGIS open the file as it is. A feature
 *                            holds what the map and the list show (flat columns), and where the
 *                            rest of its record is in locations.records
 *   locations.records        the rest of each record (phone, links, translations of its name …),
 *                            UTF-8 JSON objects one after the other: a place's detail reads its
 *                            own with one small range request
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
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import * as flatbuffers from 'flatbuffers';
import Supercluster from 'supercluster';
import { Header } from 'flatgeobuf/lib/mjs/flat-geobuf/header.js';
import { Column } from 'flatgeobuf/lib/mjs/flat-geobuf/column.js';
import { ColumnType } from 'flatgeobuf/lib/mjs/flat-geobuf/column-type.js';
import { GeometryType } from 'flatgeobuf/lib/mjs/flat-geobuf/geometry-type.js';
import { Crs } from 'flatgeobuf/lib/mjs/flat-geobuf/crs.js';
import { Feature } from 'flatgeobuf/lib/mjs/flat-geobuf/feature.js';
import { buildGeometry } from 'flatgeobuf/lib/mjs/generic/geometry.js';
import { magicbytes } from 'flatgeobuf/lib/mjs/constants.js';
import { generateLevelBounds, NODE_ITEM_BYTE_LEN } from 'flatgeobuf/lib/mjs/packedrtree.js';
import { tileOf, type Feed, type Location, type Text, type TiledIndex, type TiledName } from '@ess-widgets/core/data';

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

/**
 * Columns of locations.fgb: flat values for GIS users, which are also everything the finder's map,
 * list and filters use, then where the rest of the record is in locations.records (its bytes
 * `recordOffset` to `recordOffset + recordLength - 1`), for the finder's detail. Signed integers:
 * GDAL shows them as Integer64 and Integer (an unsigned 64-bit column would be a Real).
 */
const COLUMNS = [
  ['id', ColumnType.String],
  ['name', ColumnType.String],
  ['categories', ColumnType.String],
  ['materials', ColumnType.String],
  ['labels', ColumnType.String],
  ['organization', ColumnType.String],
  ['street', ColumnType.String],
  ['postcode', ColumnType.String],
  ['locality', ColumnType.String],
  ['region', ColumnType.String],
  ['country', ColumnType.String],
  ['openingHours', ColumnType.String],
  ['recordOffset', ColumnType.Long],
  ['recordLength', ColumnType.Int],
] as const;
/** The records file, beside locations.fgb. */
export const RECORDS_FILE = 'locations.records';

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

/**
 * What a location holds beyond its flat columns (phone, links, services, translations of its
 * name …): its entry in locations.records, which the finder's detail joins back into the record.
 */
export function extra(l: Location): Record<string, unknown> {
  const { lon: _x, lat: _y, id: _i, categories: _c, materials: _m, labels: _b, organization: _o, openingHours: _h, address, name, ...rest } = l;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined && !(Array.isArray(v) && !v.length)) out[k] = v;
  if (typeof name !== 'string') out.name = name;
  if (address) {
    const { street: _s, postcode: _p, locality: _l, region: _r, country: _n, ...a } = address;
    if (Object.keys(a).length) out.address = a;
  }
  return out;
}

/**
 * locations.records as it is written: each location's extra() as UTF-8 JSON, in the order the
 * locations were read (a feature knows its bytes as soon as it is encoded). With `spill` (a
 * temporary file's path) they go to that file a few megabytes at a time and are read back in
 * order when the tiled set is written; otherwise they stay in memory.
 */
export class RecordStore {
  private static readonly BLOCK = 4 << 20;
  private readonly full: Buffer[] = [];
  private block = Buffer.allocUnsafe(RecordStore.BLOCK);
  private used = 0;
  private fd: number | undefined;
  /** Bytes in all. */
  size = 0;

  constructor(private readonly spill?: string) {
    if (spill) this.fd = openSync(spill, 'w+');
  }

  /** Appends one record's JSON text; its bytes' offset and length in the file. */
  add(json: string): [offset: number, length: number] {
    const offset = this.size;
    const max = Buffer.byteLength(json);
    if (this.used + max > this.block.length) this.flush(max);
    const n = this.block.write(json, this.used, 'utf8');
    this.used += n;
    this.size += n;
    return [offset, n];
  }

  /** Moves the block's bytes on (to the spill file, or to the list of full blocks); room for `next` bytes after. */
  private flush(next = 0): void {
    if (this.used) {
      if (this.fd !== undefined) writeSync(this.fd, this.block, 0, this.used);
      else this.full.push(this.block.subarray(0, this.used));
      if (this.fd === undefined) this.block = Buffer.allocUnsafe(RecordStore.BLOCK);
    }
    this.used = 0;
    if (next > this.block.length) this.block = Buffer.allocUnsafe(next);
  }

  /** The file's bytes in order, in blocks of up to a few megabytes (reused: copy one before asking the next). */
  *pieces(): Iterable<Uint8Array> {
    if (this.fd === undefined) {
      yield* this.full;
      if (this.used) yield this.block.subarray(0, this.used);
      return;
    }
    this.flush();
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (let at = 0; at < this.size; ) {
      const n = readSync(this.fd, chunk, 0, chunk.length, at);
      if (n <= 0) throw new Error(`${this.spill} was cut short`);
      yield chunk.subarray(0, n);
      at += n;
    }
  }

  /** Frees the records (and removes the spill file). */
  clear(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
      rmSync(this.spill!, { force: true });
    }
    this.full.length = 0;
    this.used = 0;
    this.size = 0;
  }
}

/**
 * The feature bytes of every location, one after the other in the order they were read, in
 * large shared blocks: a million features as a million small buffers would take twice the
 * memory and most of the time in garbage collection.
 */
export class FeatureStore {
  private static readonly BLOCK = 32 << 20;
  private static readonly SPILL_BLOCK = 4 << 20;
  private blocks: Buffer[] = [];
  private used = FeatureStore.BLOCK;
  /** Where each feature is (block × BLOCK + position, or its position in the spill file), and its length. */
  private at = new Float64Array(1024);
  private len = new Uint32Array(1024);
  count = 0;
  bytes = 0;
  private readonly builder = new flatbuffers.Builder(4096);
  private scratch = Buffer.allocUnsafe(64 * 1024);
  private fd: number | undefined;
  /** Bytes already in the spill file; the rest are in the one block in memory. */
  private written = 0;

  /**
   * With `spill` (a temporary file's path), the features go to that file a few megabytes at a
   * time and are read back in tree order when locations.fgb is written: a million features
   * (700 MB) then stay in the system's file cache rather than in the process.
   */
  constructor(
    private readonly spill?: string,
    /** The bytes of output gathered per pass over the spill file. */
    private readonly window = 128 << 20,
    /** Where each feature's extra() goes: locations.records. */
    readonly records = new RecordStore(),
  ) {
    if (spill) {
      this.fd = openSync(spill, 'w+');
      this.blocks = [Buffer.allocUnsafe(FeatureStore.SPILL_BLOCK)];
      this.used = 0;
    }
  }

  /** Encodes one location as a FlatGeobuf feature; its number in the store. */
  add(l: Location, langs: readonly string[]): number {
    const more = extra(l);
    // In COLUMNS' order; the two numbers last.
    const values: (string | null)[] = [
      l.id,
      textOf(l.name, langs),
      l.categories.join('|'),
      l.materials.length ? l.materials.join('|') : null,
      l.labels.length ? l.labels.join('|') : null,
      l.organization ?? null,
      l.address?.street ?? null,
      l.address?.postcode ?? null,
      l.address?.locality ?? null,
      l.address?.region ?? null,
      l.address?.country ?? null,
      l.openingHours ?? null,
    ];
    const record = Object.keys(more).length ? this.records.add(JSON.stringify(more)) : undefined;
    // Properties as the format has them: column number (u16), then for text its byte length (u32)
    // and UTF-8 bytes, for numbers their bytes (little-endian).
    let n = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null) continue;
      if (n + 6 + v.length * 3 > this.scratch.length) {
        const bigger = Buffer.allocUnsafe(Math.max(this.scratch.length * 2, n + 6 + v.length * 3));
        this.scratch.copy(bigger, 0, 0, n);
        this.scratch = bigger;
      }
      this.scratch.writeUInt16LE(i, n);
      const k = this.scratch.write(v, n + 6, 'utf8');
      this.scratch.writeUInt32LE(k, n + 2);
      n += 6 + k;
    }
    if (record) {
      if (n + 16 > this.scratch.length) {
        const bigger = Buffer.allocUnsafe(this.scratch.length * 2);
        this.scratch.copy(bigger, 0, 0, n);
        this.scratch = bigger;
      }
      this.scratch.writeUInt16LE(values.length, n);
      this.scratch.writeBigInt64LE(BigInt(record[0]), n + 2);
      this.scratch.writeUInt16LE(values.length + 1, n + 10);
      this.scratch.writeInt32LE(record[1], n + 12);
      n += 16;
    }
    const b = this.builder;
    b.clear();
    const props = n ? b.createByteVector(this.scratch.subarray(0, n)) : 0;
    const geometry = buildGeometry(b, { xy: [l.lon, l.lat], type: GeometryType.Point } as unknown as Parameters<typeof buildGeometry>[1]);
    Feature.startFeature(b);
    Feature.addGeometry(b, geometry);
    if (props) Feature.addProperties(b, props);
    b.finishSizePrefixed(Feature.endFeature(b));
    return this.push(b.asUint8Array());
  }

  private push(bytes: Uint8Array): number {
    if (this.count === this.at.length) {
      const at = new Float64Array(this.at.length * 2);
      at.set(this.at);
      this.at = at;
      const len = new Uint32Array(this.len.length * 2);
      len.set(this.len);
      this.len = len;
    }
    this.len[this.count] = bytes.length;
    this.bytes += bytes.length;
    if (this.fd !== undefined) {
      const block = this.blocks[0];
      if (this.used + bytes.length > block.length) this.flush();
      this.at[this.count] = this.written + this.used;
      if (bytes.length > block.length) {
        writeSync(this.fd, bytes, 0, bytes.length, this.written);
        this.written += bytes.length;
      } else {
        block.set(bytes, this.used);
        this.used += bytes.length;
      }
      return this.count++;
    }
    if (this.used + bytes.length > FeatureStore.BLOCK) {
      this.blocks.push(Buffer.allocUnsafe(Math.max(FeatureStore.BLOCK, bytes.length)));
      this.used = 0;
    }
    const block = this.blocks.length - 1;
    this.blocks[block].set(bytes, this.used);
    this.at[this.count] = block * FeatureStore.BLOCK + this.used;
    this.used += bytes.length;
    return this.count++;
  }

  private flush(): void {
    if (this.fd === undefined || !this.used) return;
    writeSync(this.fd, this.blocks[0], 0, this.used, this.written);
    this.written += this.used;
    this.used = 0;
  }

  length(i: number): number {
    return this.len[i];
  }

  /**
   * The features `refs` (their numbers, in the order wanted), in blocks of about a megabyte. From
   * the spill file they are gathered a window of the output at a time, each window filled by one
   * pass reading the file in order: a million reads of a few hundred bytes, one per feature,
   * cost several times more.
   */
  *inOrder(refs: Uint32Array): Iterable<Uint8Array> {
    if (this.fd === undefined) {
      const block = Buffer.allocUnsafe(1 << 20);
      let used = 0;
      for (let i = 0; i < refs.length; i++) {
        const len = this.len[refs[i]];
        if (used + len > block.length) {
          if (used) yield block.subarray(0, used);
          used = 0;
          if (len > block.length) {
            const big = new Uint8Array(len);
            this.copy(refs[i], big, 0);
            yield big;
            continue;
          }
        }
        this.copy(refs[i], block, used);
        used += len;
      }
      if (used) yield block.subarray(0, used);
      return;
    }
    this.flush();
    const fd = this.fd;
    const n = refs.length;
    // Where each feature goes in the output, by its number.
    const dest = new Float64Array(this.count).fill(-1);
    let total = 0;
    for (let i = 0; i < n; i++) {
      dest[refs[i]] = total;
      total += this.len[refs[i]];
    }
    const WINDOW = Math.min(this.window, Math.max(1, total));
    const window = Buffer.allocUnsafe(WINDOW);
    const chunk = Buffer.allocUnsafe(8 << 20);
    for (let start = 0; start < total; ) {
      // The window ends at a feature's end: the first feature past WINDOW bytes starts the next.
      let end = Math.min(start + WINDOW, total);
      let chunkAt = 0, chunkLen = 0;
      let big: { at: number; bytes: Uint8Array } | undefined;
      for (let r = 0; r < this.count; r++) {
        const d = dest[r];
        if (d < start || d >= end) continue;
        const len = this.len[r], at = this.at[r];
        if (d + len > end) {
          // Runs past the window: it opens the next one (or, longer than a window, goes alone).
          if (d === start) big = { at: d, bytes: new Uint8Array(len) };
          else {
            end = d;
            continue;
          }
          if (readSync(fd, big.bytes, 0, len, at) !== len) throw new Error(`${this.spill} was cut short`);
          continue;
        }
        if (at < chunkAt || at + len > chunkAt + chunkLen) {
          chunkAt = at;
          chunkLen = readSync(fd, chunk, 0, chunk.length, at);
          if (chunkLen < len) throw new Error(`${this.spill} was cut short`);
        }
        window.set(chunk.subarray(at - chunkAt, at - chunkAt + len), d - start);
      }
      if (big) {
        yield big.bytes;
        start += big.bytes.length;
        continue;
      }
      // Features past a shortened end were skipped in this pass and are read in the next.
      for (let at = 0; at < end - start; at += 1 << 20) yield window.subarray(at, Math.min(end - start, at + (1 << 20)));
      start = end;
    }
  }

  /** Copies feature `i` into `target` at `to`. */
  copy(i: number, target: Uint8Array, to: number): void {
    const at = this.at[i], len = this.len[i];
    if (this.fd !== undefined) {
      if (at >= this.written) target.set(this.blocks[0].subarray(at - this.written, at - this.written + len), to);
      else if (readSync(this.fd, target, to, len, at) !== len) throw new Error(`${this.spill} was cut short while the features were being written`);
      return;
    }
    const block = Math.floor(at / FeatureStore.BLOCK);
    const start = at - block * FeatureStore.BLOCK;
    target.set(this.blocks[block].subarray(start, start + len), to);
  }

  /** Frees the features and the records (and removes the spill files). */
  clear(): void {
    this.records.clear();
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
      rmSync(this.spill!, { force: true });
    }
    this.blocks = [];
    this.used = FeatureStore.BLOCK;
    this.at = new Float64Array(1024);
    this.len = new Uint32Array(1024);
    this.count = 0;
    this.bytes = 0;
    this.written = 0;
  }
}

/**
 * What the tiler keeps of a location once validated: its feature (in the FeatureStore) and what
 * the clusters, places and names need — not the whole record (a million of those would not fit
 * the 2 GB a build may take).
 */
export interface Compact {
  id: string;
  lon: number;
  lat: number;
  categories: string[];
  name: string;
  postcode?: string;
  locality?: string;
  /** Its feature's number in the FeatureStore. */
  ref: number;
}

/**
 * The same towns, postcodes and category lists recur thousands of times: keep one copy of each
 * (not of names: with a street in each, nearly every name is its own).
 */
const strings = new Map<string, string>();
const lists = new Map<string, string[]>();
const one = (v: string | undefined) => {
  if (v === undefined) return undefined;
  let s = strings.get(v);
  if (s === undefined) strings.set(v, (s = v));
  return s;
};

export function compact(l: Location, langs: readonly string[], store: FeatureStore): Compact {
  const key = l.categories.join('|');
  let categories = lists.get(key);
  if (!categories) lists.set(key, (categories = l.categories));
  return { id: l.id, lon: l.lon, lat: l.lat, categories, name: textOf(l.name, langs), postcode: one(l.address?.postcode), locality: one(l.address?.locality), ref: store.add(l, langs) };
}

/** Forgets the shared copies (after a run: the CLI process may tile again). */
export function forgetShared(): void {
  strings.clear();
  lists.clear();
}

/** The FlatGeobuf file, to be written piece by piece: its size and its pieces in order. */
export interface FlatGeobufFile {
  size: number;
  /** Magic bytes, header and index, then the features in tree order, in blocks of about 1 MB. */
  pieces(): Iterable<Uint8Array>;
}

/** Joins the pieces into one buffer (tests, small feeds). */
export function joined(file: FlatGeobufFile): Uint8Array {
  const out = new Uint8Array(file.size);
  let at = 0;
  for (const p of file.pieces()) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The locations in Hilbert order (ties by id): the keys and indices sorted together as numbers
 * in one Float64Array (key × 2^21 + index is exact below 2^53), not a million-entry comparator sort.
 */
function hilbertOrder(locations: readonly Compact[], bbox: [number, number, number, number]): Uint32Array {
  const n = locations.length;
  const [minX, minY, maxX, maxY] = bbox;
  const w = maxX - minX || 1, h = maxY - minY || 1;
  const max = (1 << 16) - 1;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const l = locations[i];
    keys[i] = hilbert(Math.floor(((l.lon - minX) / w) * max), Math.floor(((l.lat - minY) / h) * max));
  }
  const order = new Uint32Array(n);
  const SHIFT = 2 ** 21;
  if (n <= SHIFT) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = keys[i] * SHIFT + i;
    packed.sort();
    for (let i = 0; i < n; i++) order[i] = packed[i] % SHIFT;
  } else {
    const idx = Array.from(locations.keys()).sort((a, b) => keys[a] - keys[b] || a - b);
    order.set(idx);
  }
  // Places in the same cell of the grid: by id, as before, so a build gives the same bytes.
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && keys[order[j]] === keys[order[i]]) j++;
    if (j - i > 1) {
      const run = Array.from(order.subarray(i, j)).sort((a, b) => (locations[a].id < locations[b].id ? -1 : locations[a].id > locations[b].id ? 1 : a - b));
      order.set(run, i);
    }
    i = j;
  }
  return order;
}

/** The FlatGeobuf file: magic bytes, header, packed Hilbert R-tree, features in tree order. */
export function flatgeobuf(locations: readonly Compact[], store: FeatureStore): { file: FlatGeobufFile; bbox: [number, number, number, number]; order: Compact[] } {
  if (!locations.length) throw new Error('no location to write');
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const l of locations) {
    if (l.lon < minX) minX = l.lon;
    if (l.lat < minY) minY = l.lat;
    if (l.lon > maxX) maxX = l.lon;
    if (l.lat > maxY) maxY = l.lat;
  }
  const bbox: [number, number, number, number] = [minX, minY, maxX, maxY];
  const sorted = hilbertOrder(locations, bbox);
  const n = sorted.length;
  const order: Compact[] = new Array(n);
  for (let i = 0; i < n; i++) order[i] = locations[sorted[i]];

  const levels = generateLevelBounds(n, NODE_SIZE);
  const numNodes = levels[0][1];
  const tree = new ArrayBuffer(numNodes * NODE_ITEM_BYTE_LEN);
  const view = new DataView(tree);
  const box = new Float64Array(numNodes * 4);
  // Leaves: each point's box, and the byte offset of its feature in the features section.
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const node = (levels[0][0] + i) * 4;
    box[node] = box[node + 2] = order[i].lon;
    box[node + 1] = box[node + 3] = order[i].lat;
    view.setBigUint64((levels[0][0] + i) * NODE_ITEM_BYTE_LEN + 32, BigInt(offset), true);
    offset += store.length(order[i].ref);
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
      box[p * 4] = a;
      box[p * 4 + 1] = b;
      box[p * 4 + 2] = c;
      box[p * 4 + 3] = d;
      view.setBigUint64(p * NODE_ITEM_BYTE_LEN + 32, BigInt(child), true);
    }
  }
  for (let i = 0; i < numNodes; i++) for (let k = 0; k < 4; k++) view.setFloat64(i * NODE_ITEM_BYTE_LEN + k * 8, box[i * 4 + k], true);

  const head = header(n, bbox);
  const start = new Uint8Array(magicbytes.length + head.length + tree.byteLength);
  start.set(magicbytes, 0);
  start.set(head, magicbytes.length);
  start.set(new Uint8Array(tree), magicbytes.length + head.length);
  const refs = new Uint32Array(n);
  for (let i = 0; i < n; i++) refs[i] = order[i].ref;
  const file: FlatGeobufFile = {
    size: start.length + offset,
    *pieces() {
      yield start;
      yield* store.inOrder(refs);
    },
  };
  return { file, bbox, order };
}

export { tileOf };

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
  const store = new FeatureStore();
  const out = tileCompacts(locations.map((l) => compact(l, langs, store)), store);
  out.files.set('locations.fgb', joined(out.fgb));
  out.files.set(RECORDS_FILE, Buffer.concat([...store.records.pieces()]));
  return out;
}

/**
 * The tiled set of compact locations whose features are in `store`. The FlatGeobuf file is
 * handed back as pieces (`fgb`), to be written as a stream; the other files are in `files`.
 */
export function tileCompacts(compacts: readonly Compact[], store: FeatureStore): TileOutput & { fgb: FlatGeobufFile } {
  forgetShared();
  const { file, bbox, order } = flatgeobuf(compacts, store);
  const files = new Map<string, Uint8Array | string>();

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
  // Names are mostly unique (a street and number in each): fold each once, and keep its words
  // as numbers in one typed array rather than a million small lists of strings.
  const wordId = new Map<string, number>();
  const words: string[] = [];
  const seen: number[] = [];
  let ids = new Uint32Array(order.length * 4 + 16);
  const starts = new Uint32Array(order.length + 1);
  let used = 0;
  for (let i = 0; i < order.length; i++) {
    starts[i] = used;
    for (const w of fold(order[i].name).split(' ')) {
      if (w.length < 2) continue;
      let id = wordId.get(w);
      if (id === undefined) {
        wordId.set(w, (id = words.length));
        words.push(w);
        seen.push(0);
      }
      let dup = false;
      for (let k = starts[i]; k < used; k++) if (ids[k] === id) dup = true;
      if (dup) continue;
      if (used === ids.length) {
        const more = new Uint32Array(ids.length * 2);
        more.set(ids);
        ids = more;
      }
      ids[used++] = id;
      seen[id]++;
    }
  }
  starts[order.length] = used;
  const taken = new Uint32Array(words.length);
  const names = new Map<string, TiledName[]>();
  for (let i = 0; i < order.length; i++) {
    const l = order[i];
    for (let k = starts[i]; k < starts[i + 1]; k++) {
      const id = ids[k];
      const n = taken[id]++;
      // Every k-th place of a common word, k chosen so that at most NAME_CAP remain.
      if (n % Math.ceil(seen[id] / NAME_CAP) !== 0) continue;
      const w = words[id];
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
    version: 2,
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
    records: `../${RECORDS_FILE}`,
  };
  files.set('locations.index/index.json', `${JSON.stringify(index, null, 2)}\n`);
  return { files, index, fgb: file };
}
