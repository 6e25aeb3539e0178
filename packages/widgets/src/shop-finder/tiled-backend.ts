/**
 * The shop finder's index for a directory published in range-readable form
 * (`"locations": {"href": "locations.fgb", "format": "flatgeobuf", "index": …}`,
 * written by `ess-feed tile`). It answers the same requests as the worker's
 * index, so the list, map, filters and detail behave as with a small feed, but
 * nothing is downloaded whole:
 *   - zoomed out, the map draws the clusters computed at build time (a few small
 *     files per view, counts per category so a category filter still counts right);
 *   - zoomed in (from the index's `rangeZoom`), the features in view are read from
 *     the FlatGeobuf file by HTTP range requests, validated like any feed, and
 *     indexed locally (search, facets, clusters, distances) with FinderIndex;
 *   - the list shows the places in view (or around the chosen origin), a name
 *     search reads one small file of the name index, a place search the places file;
 *   - the features carry only what the map, the list and the filters use; the detail
 *     of a place reads the rest of its record (phone, links, translations …) from the
 *     records file named by the index, with one small range request.
 * It runs on the main thread: each step handles at most a few thousand records.
 */
import { FeedError } from '@ess-widgets/core';
import {
  feedIds,
  foldText,
  parseRecord,
  recordRange,
  TILED_VERSIONS,
  tiledFeature,
  tileOf,
  validateCollection,
  type Feed,
  type FeedIds,
  type Location,
  type Problem,
  type TiledCluster,
  type TiledIndex,
  type TiledName,
  type TiledPlace,
} from '@ess-widgets/core/data';
import type { FinderBackend } from './finder-client.js';
import { FinderIndex, type FinderFilter } from './finder-index.js';
import type { ListedItem, LoadResponse, MapItem, QueryResponse, Request, Response } from './finder-protocol.js';

type BBox = [number, number, number, number];

export interface TiledBackendOptions {
  /** The locations file (absolute URL). */
  href: string;
  /** Its index.json (absolute URL). */
  index: string;
  feed: Feed;
  /** The most records kept in memory between views. */
  keep?: number;
}

export interface TiledBackend extends FinderBackend {
  /** Problems found in the records read so far (console, once per record). */
  readonly problems: Problem[];
}

const contains = (outer: BBox, inner: BBox) => outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
const inside = (b: BBox, l: { lon: number; lat: number }) => l.lon >= b[0] && l.lon <= b[2] && l.lat >= b[1] && l.lat <= b[3];
const grow = (b: BBox, f: number): BBox => {
  const dx = ((b[2] - b[0]) * f) / 2, dy = ((b[3] - b[1]) * f) / 2;
  return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
};
const around = (lat: number, lon: number, km: number): BBox => {
  const dy = km / 111.32, dx = km / (111.32 * Math.max(0.1, Math.cos((lat * Math.PI) / 180)));
  return [lon - dx, lat - dy, lon + dx, lat + dy];
};

/**
 * The byte ranges of the locations file read so far, so that no range is asked for twice: the
 * reader walks the same top of the index, and views overlap. Requests are widened to whole
 * blocks of BLOCK bytes (an index node or a feature next to one read is then there already),
 * and the oldest blocks are forgotten past MAX bytes.
 */
export class RangeCache {
  static readonly BLOCK = 8 * 1024;
  static readonly MAX = 16 * 1024 * 1024;
  /** Blocks by number: their bytes, once fetched (or the fetch under way), oldest first. */
  private readonly blocks = new Map<number, Promise<Uint8Array>>();
  private held = 0;
  requests = 0;

  constructor(
    readonly url: string,
    /** The file's size (from the probe's Content-Range), so no request runs past its end. */
    private readonly size: number,
  ) {}

  /** What the FlatGeobuf reader asks of a range client. */
  async getRange(begin: number, length: number): Promise<ArrayBuffer> {
    const B = RangeCache.BLOCK;
    const end = Math.min(begin + length, this.size);
    const first = Math.floor(begin / B), last = Math.floor((Math.max(end, begin + 1) - 1) / B);
    // Missing blocks next to each other are fetched in one request.
    const wanted: number[] = [];
    for (let b = first; b <= last; b++) if (!this.blocks.has(b)) wanted.push(b);
    for (let i = 0; i < wanted.length; ) {
      let j = i;
      while (j + 1 < wanted.length && wanted[j + 1] === wanted[j] + 1) j++;
      this.fetchBlocks(wanted[i], wanted[j]);
      i = j + 1;
    }
    const parts = await Promise.all(Array.from({ length: last - first + 1 }, (_, k) => this.touch(first + k)));
    const out = new Uint8Array(end - begin);
    for (let k = 0; k < parts.length; k++) {
      const at = (first + k) * B;
      const from = Math.max(begin, at), to = Math.min(end, at + parts[k].length);
      if (to > from) out.set(parts[k].subarray(from - at, to - at), from - begin);
    }
    this.trim();
    return out.buffer;
  }

  private touch(b: number): Promise<Uint8Array> {
    const p = this.blocks.get(b)!;
    // Most recently used last.
    this.blocks.delete(b);
    this.blocks.set(b, p);
    return p;
  }

  private fetchBlocks(a: number, z: number): void {
    const B = RangeCache.BLOCK;
    const start = a * B, stop = Math.min((z + 1) * B, this.size);
    this.requests++;
    const all = fetch(this.url, { credentials: 'omit', headers: { range: `bytes=${start}-${stop - 1}` } }).then(async (r) => {
      if (r.status !== 206) throw new Error(`${this.url} answered HTTP ${r.status} to a range request`);
      return new Uint8Array(await r.arrayBuffer());
    });
    for (let b = a; b <= z; b++) {
      const p = all.then((bytes) => bytes.subarray((b - a) * B, Math.min((b - a + 1) * B, bytes.length)));
      // A failed request is asked again next time.
      p.catch(() => this.blocks.get(b) === p && this.blocks.delete(b));
      this.blocks.set(b, p);
      this.held += B;
    }
  }

  private trim(): void {
    for (const b of this.blocks.keys()) {
      if (this.held <= RangeCache.MAX) break;
      this.blocks.delete(b);
      this.held -= RangeCache.BLOCK;
    }
  }
}

export async function startTiledBackend(o: TiledBackendOptions): Promise<TiledBackend> {
  const [{ HttpReader }, { fromFeature }, { default: Config }] = await Promise.all([
    import('flatgeobuf/lib/mjs/http-reader.js'),
    import('flatgeobuf/lib/mjs/geojson/feature.js'),
    import('flatgeobuf/lib/mjs/config.js'),
  ]);
  // The reader joins two nearby ranges into one request when the gap is under this: 256 KB by
  // default, which reads far more of a Hilbert-ordered file than a town's view needs.
  Config.global.setExtraRequestThreshold(16 * 1024);
  const keep = o.keep ?? 20_000;
  const ids: FeedIds = feedIds(o.feed);
  const organizationNames = new Map(o.feed.organizations.map((org) => [org.id, org.name]));
  const json = new Map<string, Promise<unknown>>();
  const getJson = <T>(url: string): Promise<T> => {
    let p = json.get(url);
    if (!p) {
      p = fetch(url, { credentials: 'omit' }).then((r) => {
        if (!r.ok) throw new Error(`${url} answered HTTP ${r.status}`);
        return r.json();
      });
      json.set(url, p);
      p.catch(() => json.delete(url));
    }
    return p as Promise<T>;
  };
  const [index, probe] = await Promise.all([
    getJson<TiledIndex>(o.index),
    fetch(o.href, { credentials: 'omit', headers: { range: 'bytes=0-7' } }),
  ]);
  // A host that ignores Range sends the whole file: say so rather than download it whole.
  void probe.body?.cancel();
  if (probe.status !== 206) {
    const why = probe.ok ? 'answers range requests with the whole file' : `answered HTTP ${probe.status}`;
    console.error(`[ess-widgets] ${o.href}: the host ${why}. A directory in "flatgeobuf" form is read piece by piece: host it where range requests are answered (see docs/feed.md, "Large directories").`);
    throw new FeedError(probe.ok ? 'config' : 'http', probe.ok ? `the host of ${o.href} does not answer range requests` : `${o.href} answered HTTP ${probe.status}`, o.href, probe.ok ? undefined : probe.status);
  }
  if (index?.format !== 'ess-locations-index' || !Array.isArray(index.tiles)) throw new Error(`${o.index} is not an index written by ess-feed tile`);
  if (!TILED_VERSIONS.includes(index.version)) throw new Error(`${o.index} is an index of version ${index.version}, which this version of the widgets cannot read: update the widgets`);
  const recordsUrl = typeof index.records === 'string' ? new URL(index.records, o.index).href : undefined;
  const size = Number(/\/(\d+)\s*$/.exec(probe.headers.get('content-range') ?? '')?.[1]);
  // One reader for the whole visit: the header and the top of the index are read once, and every
  // range through the cache.
  const ranges = new RangeCache(o.href, Number.isFinite(size) && size > 0 ? size : Number.MAX_SAFE_INTEGER);
  let reader: Promise<InstanceType<typeof HttpReader>> | undefined;
  const openReader = () => {
    reader ??= HttpReader.openSource(ranges);
    reader.catch(() => (reader = undefined));
    return reader;
  };
  const rel = (pattern: string, values: Record<string, string | number>) =>
    new URL(pattern.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(String(values[k]))), o.index).href;
  const tiles = new Set(index.tiles);

  const problems: Problem[] = [];
  const known = new Map<string, Location>();
  /** The feature each known place was read from, joined to the rest of its record for its detail. */
  const features = new Map<string, { props: Record<string, unknown>; lon: number; lat: number }>();
  /** The places whose detail was opened lately, whole. */
  const details = new Map<string, Promise<Location>>();
  /** Where a place seen in a cluster tile or the name index is, so it can be opened by id. */
  const coords = new Map<string, [number, number]>();
  /** The rectangles read so far, newest last, with what they held. */
  let reads: { bbox: BBox; ids: string[] }[] = [];

  /** Every valid record inside `bbox`, by range requests (or from memory when a read covered it). */
  async function read(bbox: BBox): Promise<Location[]> {
    const hit = reads.find((r) => contains(r.bbox, bbox));
    if (hit) return hit.ids.map((id) => known.get(id)!).filter((l) => l && inside(bbox, l));
    const raw: unknown[] = [];
    const read: { props: Record<string, unknown>; lon: number; lat: number }[] = [];
    const rect = { minX: bbox[0], minY: bbox[1], maxX: bbox[2], maxY: bbox[3] };
    const r0 = await openReader();
    for await (const { id, feature } of r0.selectBbox(rect)) {
      const f = fromFeature(id, feature, r0.header);
      const [lon, lat] = (f.geometry as { coordinates: number[] }).coordinates;
      const props = (f.properties ?? {}) as Record<string, unknown>;
      read.push({ props, lon, lat });
      raw.push(tiledFeature(props, lon, lat));
    }
    const r = validateCollection('locations', raw, { baseUrl: o.href, ids });
    for (const p of r.problems) problems.push(p);
    const byId = new Map(read.map((f) => [String(f.props.id), f]));
    for (const l of r.value) {
      known.set(l.id, l);
      const f = byId.get(l.id);
      if (f) features.set(l.id, f);
    }
    reads.push({ bbox, ids: r.value.map((l) => l.id) });
    // Memory stays bounded: the oldest reads go first.
    while (known.size > keep && reads.length > 1) {
      const old = reads.shift()!;
      const still = new Set(reads.flatMap((x) => x.ids));
      for (const id of old.ids) if (!still.has(id)) {
        known.delete(id);
        features.delete(id);
      }
    }
    return r.value;
  }

  // Until the map reports its view (or when it is hidden), the view is the whole directory.
  const fit = Math.max(0, Math.floor(Math.log2(360 / Math.max(1e-6, index.bbox[2] - index.bbox[0]))));
  let view: { bbox: BBox; zoom: number } = { bbox: index.bbox, zoom: fit };
  let filter: FinderFilter = {};
  let listed: ListedItem[] = [];
  let local: { key: string; index: FinderIndex } | undefined;
  /** The places a name search found, while it is the query. */
  let hits: FinderIndex | undefined;
  const clusterZoom = new Map<number, number>();

  /** The local index over the records of a rectangle, for search, facets and clusters. */
  async function localIndex(bbox: BBox): Promise<FinderIndex> {
    const list = await read(bbox);
    const key = `${bbox.join(',')}|${list.length}`;
    if (local?.key !== key) local = { key, index: new FinderIndex(list, organizationNames) };
    return local.index;
  }

  /** The part of the view that is read for the list when zoomed out: a town's worth, at its centre. */
  function listArea(): BBox {
    const z = Math.round(view.zoom);
    if (z >= index.rangeZoom) return grow(view.bbox, 0.25);
    // Half the zoom steps to go: an eighth of the view six steps out, a town's worth at most.
    const f = 2 ** ((z - index.rangeZoom) / 2);
    const cx = (view.bbox[0] + view.bbox[2]) / 2, cy = (view.bbox[1] + view.bbox[3]) / 2;
    const w = ((view.bbox[2] - view.bbox[0]) * f) / 2, h = ((view.bbox[3] - view.bbox[1]) * f) / 2;
    return [cx - w, cy - h, cx + w, cy + h];
  }

  /**
   * Places whose name has every word of `q`, from the name index: the file of each word's two
   * first letters, and the word with the fewest places leads (a common word is listed only in part).
   */
  async function byName(q: string): Promise<Location[]> {
    const words = [...new Set(foldText(q).split(' ').filter((w) => w.length >= 2))].slice(0, 4);
    if (!words.length || words.some((w) => !index.prefixes.includes(w.slice(0, 2)))) return [];
    const files = await Promise.all(words.map((w) => getJson<TiledName[]>(rel(index.names, { prefix: w.slice(0, 2) }))));
    const lists = words.map((w, i) => files[i].filter((e) => e[0].startsWith(w)));
    const lead = lists.reduce((a, b) => (b.length < a.length ? b : a));
    const seen = new Set<string>();
    const out: Location[] = [];
    for (const e of lead) {
      if (seen.has(e[4])) continue;
      const folded = foldText(e[1]);
      if (!words.every((w) => folded.includes(w))) continue;
      seen.add(e[4]);
      coords.set(e[4], [e[2], e[3]]);
      // What the list needs; the detail reads the whole record by its position.
      out.push(known.get(e[4]) ?? { id: e[4], name: e[1], lon: e[2], lat: e[3], categories: e[5] ? e[5].split('|') : [], materials: [], labels: [], services: [], address: { postcode: e[6] || undefined, locality: e[7] || undefined } });
    }
    return out;
  }

  /** A place as the list has it, read from the locations file when it is not in memory. */
  async function slim(id: string): Promise<Location | undefined> {
    const full = known.get(id);
    if (full && reads.some((r) => r.ids.includes(id))) return full;
    const at = coords.get(id) ?? (full ? [full.lon, full.lat] : undefined);
    if (!at) return undefined;
    const e = 1e-5;
    return (await read([at[0] - e, at[1] - e, at[0] + e, at[1] + e])).find((l) => l.id === id);
  }

  /**
   * A place whole, for its detail: its feature joined to the rest of its record, read from the
   * records file with one range request of its own bytes (none when it has nothing more), and
   * validated like any record. When that read fails, what the list has.
   */
  async function record(id: string): Promise<Location | undefined> {
    const l = await slim(id);
    const f = features.get(id);
    const at = f && recordRange(f.props);
    if (!l || !f || !at || !recordsUrl) return l;
    let p = details.get(id);
    if (!p) {
      p = fetch(recordsUrl, { credentials: 'omit', headers: { range: `bytes=${at.offset}-${at.offset + at.length - 1}` } }).then(async (r) => {
        if (r.status !== 206) {
          void r.body?.cancel();
          throw new Error(`${recordsUrl} answered HTTP ${r.status} to a range request`);
        }
        const v = validateCollection('locations', [tiledFeature(f.props, f.lon, f.lat, parseRecord(new Uint8Array(await r.arrayBuffer())))], { baseUrl: o.href, ids });
        for (const x of v.problems) problems.push(x);
        return v.value[0] ?? l;
      });
      details.set(id, p);
      // A failed read is tried again the next time the detail opens.
      p.catch(() => details.get(id) === p && details.delete(id));
      for (const k of details.keys()) {
        if (details.size <= 100) break;
        details.delete(k);
      }
    }
    try {
      return await p;
    } catch (e) {
      console.warn(`[ess-widgets] the detail of ${id}: ${(e as Error).message}`);
      return l;
    }
  }

  async function nearest(lat: number, lon: number, n: number, keepIt?: (l: Location) => boolean): Promise<ListedItem[]> {
    // First a square a quarter the side of the one that would hold n places at the directory's
    // mean density (towns, where people search, are denser than the mean; at least 1 km): a fixed
    // 4 km square read thousands of records in a city of a national directory. Then double it
    // until enough are found (or the whole directory has been looked at).
    const areaKm2 = (index.bbox[2] - index.bbox[0]) * 111.32 * Math.cos((lat * Math.PI) / 180) * (index.bbox[3] - index.bbox[1]) * 111.32;
    let km = Math.max(0.5, Math.sqrt(n / Math.max(1e-9, index.count / Math.max(1, areaKm2))) / 8);
    let found: Location[] = [];
    for (;;) {
      const b = around(lat, lon, km);
      found = (await read(b)).filter((l) => !keepIt || keepIt(l));
      if (found.length >= n || contains(b, index.bbox) || km > 400) break;
      km *= 2;
    }
    const idx = new FinderIndex(found, organizationNames);
    return idx.nearest(lat, lon, n).map((i) => ({ index: i, location: idx.locations[i] }));
  }

  async function clusters(bbox: BBox, zoom: number): Promise<MapItem[]> {
    view = { bbox, zoom };
    const z = Math.max(0, Math.round(zoom));
    // A name search: the map shows what the list shows, wherever it is.
    if (hits || z >= index.rangeZoom) {
      const idx = hits ?? (await localIndex(grow(bbox, 0.25)));
      idx.query({ ...filter, q: undefined, near: undefined, prefer: undefined });
      return idx.clustersIn(bbox, zoom).map((c): MapItem => {
        if (c.index === undefined) return c;
        const l = idx.locations[c.index];
        // By id, not index: the local index changes with the view.
        return { lon: c.lon, lat: c.lat, count: 1, name: l.name, category: l.categories[0], id: l.id };
      });
    }
    const [x0, y0] = tileOf(bbox[0], bbox[3], z);
    const [x1, y1] = tileOf(bbox[2], bbox[1], z);
    const keys: string[] = [];
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) if (tiles.has(`${z}/${x}/${y}`)) keys.push(`${z}/${x}/${y}`);
    const lists = await Promise.all(keys.map((k) => getJson<TiledCluster[]>(rel(index.clusters, { z, x: k.split('/')[1], y: k.split('/')[2] }))));
    const cats = filter.categories?.length ? filter.categories : undefined;
    const items: MapItem[] = [];
    for (const c of lists.flat()) {
      const count = cats ? Math.min(c[2], cats.reduce((n, k) => n + (c[3][k] ?? 0), 0)) : c[2];
      if (!count) continue;
      if (c[4] !== undefined) {
        coords.set(c[4], [c[0], c[1]]);
        items.push({ lon: c[0], lat: c[1], count: 1, id: c[4], name: c[5], category: Object.keys(c[3])[0] });
      } else {
        const clusterId = clusterZoom.size;
        clusterZoom.set(clusterId, z);
        items.push({ lon: c[0], lat: c[1], count: Math.max(2, count), clusterId });
      }
    }
    return items;
  }

  async function query(f: FinderFilter, limit: number): Promise<QueryResponse> {
    filter = f;
    let list: ListedItem[];
    let counts: QueryResponse['counts'] = { categories: {}, materials: {}, labels: {}, organizations: {} };
    let open: number | undefined;
    if (f.q?.trim()) {
      // A name: the name index, then the usual filters on what it found.
      const found = await byName(f.q);
      const idx = (hits = new FinderIndex(found, organizationNames));
      const r = idx.query({ ...f, q: undefined });
      counts = r.counts;
      open = r.open;
      list = r.order.map((i, k) => ({ index: k, location: idx.locations[i], distance: r.distances?.[k] }));
    } else {
      hits = undefined;
      const area = f.near ? around(f.near.lat, f.near.lon, 5) : listArea();
      const idx = f.near ? new FinderIndex((await nearest(f.near.lat, f.near.lon, 200)).map((x) => x.location), organizationNames) : await localIndex(area);
      const r = idx.query(f);
      counts = r.counts;
      open = r.open;
      list = r.order.map((i, k) => ({ index: k, location: idx.locations[i], distance: r.distances?.[k] }));
    }
    listed = list;
    return { total: list.length, counts, open, items: list.slice(0, limit) };
  }

  const handle = async (req: Request): Promise<Response> => {
    switch (req.type) {
      case 'load':
      case 'index':
        return { count: index.count, bbox: index.bbox, skipped: 0, problems: [] } satisfies LoadResponse;
      case 'stream':
        // Nothing is downloaded whole here.
        req.port.close();
        return null;
      case 'clusters':
        return clusters(req.bbox, req.zoom);
      case 'expansion':
        return Math.min((clusterZoom.get(req.clusterId) ?? view.zoom) + 2, index.rangeZoom);
      case 'query':
        return query(req.filter, req.limit);
      case 'page':
        return listed.slice(req.offset, req.offset + req.limit);
      case 'get': {
        const l = listed[req.index]?.location;
        return l ? ((await record(l.id)) ?? l) : null;
      }
      case 'find': {
        const l = await record(req.id);
        return l ? { index: listed.findIndex((x) => x.location.id === l.id), location: l } : null;
      }
      case 'place': {
        const q = foldText(req.q);
        if (!q) return null;
        const places = await getJson<TiledPlace[]>(rel(index.places, {}));
        const best = places.find((p) => p[0] === q) ?? places.find((p) => foldText(p[1]) === q) ?? places.find((p) => foldText(p[1]).startsWith(q));
        return best ? { label: [best[0], best[1]].filter(Boolean).join(' '), lat: best[3], lon: best[2] } : null;
      }
      case 'nearest': {
        const cats = req.categories;
        return nearest(req.lat, req.lon, req.n, cats?.length ? (l) => l.categories.some((c) => cats.includes(c)) : undefined);
      }
      case 'hours':
        // Plain weekly schedules are read without the library on the main thread; the tiled
        // index does not load the library for the others (their status stays unknown).
        return [];
      case 'warm':
        return null;
      case 'peek': {
        // Suggestions as the visitor types: from the name index, leaving the list and map as they are;
        // without words, the places of the list's area.
        const idx = req.filter.q?.trim() ? new FinderIndex(await byName(req.filter.q), organizationNames) : await localIndex(listArea());
        const r = idx.query({ ...req.filter, q: undefined });
        return { total: r.total, items: r.order.slice(0, req.limit).map((i, k): ListedItem => ({ index: k, location: idx.locations[i], distance: r.distances?.[k] })) };
      }
    }
  };
  return {
    mode: 'tiled',
    problems,
    call: <T extends Response>(req: Request) => handle(req) as Promise<T>,
    terminate: () => {
      reads = [];
      known.clear();
      features.clear();
      details.clear();
    },
  };
}
