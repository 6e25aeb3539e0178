/**
 * Answers finder requests. Runs inside the worker, or on the main thread when
 * no worker can start (then `load` yields between chunks of work so no task
 * runs long).
 */
import Supercluster, { type PointFeature } from 'supercluster';
import { browserCache, locationMatches, LocationsInGroups, PlaceIndex, validateCollection, yieldToPage, type Location, type LocationFilter, type Problem } from '@ess-widgets/core/data';
import { CLUSTER_OPTIONS, FinderIndex, type FinderFilter, type QueryResult } from './finder-index.js';
import type { HoursRequest, ListedItem, LoadRequest, MapItem, Request, Response } from './finder-protocol.js';
import { FeatureStream } from './feature-stream.js';
import { compileHours, scheduleCountry, simpleSchedule, simpleStatus, tableStatus, weekTable, type HoursTable, type SimpleSchedule } from '../shared/hours-week.js';

type OpeningHoursCtor = typeof import('opening_hours').default;
let openingHours: Promise<OpeningHoursCtor> | undefined;
let openingHoursCtor: OpeningHoursCtor | undefined;

/** One distinct schedule (value, country, region) of the directory: read once, evaluated per minute. */
interface Schedule {
  key: string;
  location: Location;
  /** A plain weekly schedule, evaluated without the library. */
  simple: SimpleSchedule | null;
  compiled?: InstanceType<OpeningHoursCtor> | null;
  table?: HoursTable;
}

const CHUNK = 4000;
/** Milliseconds without a request before the index prepares what may be asked next. */
const QUIET = 300;
/** Yields to the event loop between chunks (a message, not setTimeout: 25 nested timeouts would wait 100 ms for nothing). */
const pause = yieldToPage;

/**
 * The validator over a large locations file in chunks (core's LocationsInGroups, as the page's
 * sliced parser uses it), pausing between them so the map's requests are answered meanwhile (and,
 * on the main thread, so no task runs long).
 */
export async function validateInChunks(raw: unknown, options: Parameters<typeof validateCollection>[2] & { ids: NonNullable<unknown> }): Promise<{ value: Location[]; problems: Problem[]; skipped: number }> {
  // The file's own shape first (a FeatureCollection with a list of features), as the validator says it.
  validateCollection('locations', Array.isArray(raw) ? [] : { ...(raw as object), features: Array.isArray((raw as { features?: unknown })?.features) ? [] : (raw as { features?: unknown })?.features }, options as never);
  const list = (Array.isArray(raw) ? raw : (raw as { features: unknown[] }).features) as unknown[];
  const groups = new LocationsInGroups(Array.isArray(raw) ? '$' : '$.features', options as never);
  for (let start = 0; start < list.length; start += CHUNK) {
    groups.add(list.slice(start, start + CHUNK), start);
    await pause();
  }
  return groups.finish();
}

/** Points with usable coordinates, straight from the parsed file: the map's first picture while records are checked. */
type RawProps = { name?: unknown; categories?: unknown; materials?: unknown; labels?: unknown; organization?: unknown; region?: unknown; address?: { region?: unknown } };
const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Whether a record not yet checked belongs to the first view (the same test as core's locationMatches, on the raw properties). */
function inFirstView(p: RawProps | undefined, f: LocationFilter | undefined): boolean {
  if (!f) return true;
  const region = typeof p?.region === 'string' ? p.region : typeof p?.address?.region === 'string' ? p.address.region : undefined;
  return locationMatches({ categories: ids(p?.categories), materials: ids(p?.materials), labels: ids(p?.labels), address: { region }, organization: typeof p?.organization === 'string' ? p.organization : undefined } as unknown as Location, f);
}

function preliminaryClusters(raw: unknown, first?: LocationFilter): { clusters: Supercluster; count: number; bbox?: [number, number, number, number]; points: PointFeature<{ id: string }>[] } {
  const list = (Array.isArray(raw) ? raw : (raw as { features?: unknown[] })?.features) ?? [];
  // `index` is the point's place among those drawn: when every record passes, it is its index in the checked list too.
  const points: PointFeature<{ id: string; name: unknown; category: unknown; index: number }>[] = [];
  let bbox: [number, number, number, number] | undefined;
  // Drawn: the places of the first view only (a finder showing shops draws no collection point meanwhile).
  const shown: PointFeature<{ id: string }>[] = [];
  for (const f of list as { id?: unknown; geometry?: { coordinates?: unknown }; properties?: RawProps }[]) {
    const c = f?.geometry?.coordinates;
    if (!Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number' || Math.abs(c[0]) > 180 || Math.abs(c[1]) > 90) continue;
    const [lon, lat] = c as number[];
    const point: PointFeature<{ id: string; name: unknown; category: unknown; index: number }> = { type: 'Feature', properties: { id: String(f.id), name: f.properties?.name, category: ids(f.properties?.categories)[0], index: points.length }, geometry: { type: 'Point', coordinates: [lon, lat] } };
    points.push(point);
    if (inFirstView(f.properties, first)) shown.push(point);
    bbox = bbox ? [Math.min(bbox[0], lon), Math.min(bbox[1], lat), Math.max(bbox[2], lon), Math.max(bbox[3], lat)] : [lon, lat, lon, lat];
  }
  const clusters = new Supercluster(CLUSTER_OPTIONS);
  const all = shown.length === points.length;
  clusters.load(all ? points : shown);
  // Clusters of every point can serve the whole directory later (see 'index'); of a part, not.
  return { clusters, count: points.length, bbox, points: all ? points : [] };
}

export function createHandler(): (req: Request) => Promise<Response> {
  let index: FinderIndex | undefined;
  let places: PlaceIndex | undefined;
  let last: QueryResult | undefined;
  let preliminary: Supercluster | undefined;
  let parsed: { raw: unknown; req: LoadRequest; points: PointFeature<{ id: string }>[] } | undefined;
  /** The locations file parsed as it downloads, when the page asked for it. */
  let streaming: FeatureStream | undefined;
  let schedules: Schedule[] | undefined;
  /** The keys open at a minute, computed once per minute. */
  let openAtMinute: { minute: number; keys: string[] } | undefined;

  /**
   * Every distinct schedule, with a table of its open intervals around `now` for those the library
   * must read (compiled once each; the library loads here, never on the main thread). Undefined when
   * the library would be needed and `load` is false.
   */
  const readSchedules = async (now: number, load: boolean): Promise<Schedule[] | undefined> => {
    const idx = index!;
    const list = (schedules ??= idx.hoursSamples().map(({ key, location }): Schedule => ({ key, location, simple: simpleSchedule(location.openingHours!, scheduleCountry(location)) })));
    const complex = list.filter((s) => !s.simple);
    if (complex.length) {
      // A count waits for nobody: without the library yet, the results come without it.
      if (!load && !openingHoursCtor) return undefined;
      const ctor = await (openingHours ??= import('opening_hours').then((m) => (openingHoursCtor = m.default)));
      if (idx !== index) return undefined;
      let slice = Date.now();
      for (const s of complex) {
        if (s.table && tableStatus(s.table, now) !== undefined) continue;
        if (s.compiled === undefined) s.compiled = compileHours(ctor, s.location.openingHours!, s.location);
        s.table = weekTable(s.key, s.compiled, now);
        // On the main thread (no worker), hundreds of schedules are read in slices.
        if (Date.now() - slice > 20) {
          await pause();
          slice = Date.now();
        }
      }
    }
    return list;
  };
  const openKeys = (list: Schedule[], now: number): string[] => {
    const minute = Math.floor(now / 60_000);
    if (openAtMinute?.minute === minute) return openAtMinute.keys;
    const at = new Date(now);
    const keys = list.filter((s) => (s.simple ? simpleStatus(s.simple, at) : s.table && tableStatus(s.table, now))?.state === 'open').map((s) => s.key);
    openAtMinute = { minute, keys };
    return keys;
  };
  /** "Open now" as the query asks it: the filter (the library loads if needed) and the count (once the hours are read). */
  const withHours = async (filter: FinderFilter, hours: HoursRequest | undefined): Promise<FinderFilter> => {
    if (!hours || (!hours.openNow && !hours.count)) return filter;
    const list = await readSchedules(hours.now, hours.openNow);
    if (!list) return filter;
    const keys = openKeys(list, hours.now);
    return hours.openNow ? { ...filter, openKeys: keys } : { ...filter, openCountKeys: keys };
  };
  const item = (pos: number): ListedItem => ({ index: last!.order[pos], location: index!.locations[last!.order[pos]], distance: last!.distances?.[pos] });

  /** When the last request came: background work waits until none came for QUIET ms. */
  let lastRequest = 0;
  const quiet = async () => {
    for (let wait; (wait = lastRequest + QUIET - Date.now()) > 0; ) await new Promise((r) => setTimeout(r, wait));
  };

  return async (req) => {
    lastRequest = Date.now();
    switch (req.type) {
      case 'load': {
        // Parse (or take what was parsed as the file arrived), and draw what can be drawn at once;
        // the records are checked by 'index', next.
        const stream = streaming;
        streaming = undefined;
        // The end of the stream is on its way when the page has the bytes; waited for a few seconds at most.
        const features = stream && req.streamed ? await Promise.race([stream.result, new Promise<undefined>((r) => setTimeout(r, 5000))]) : undefined;
        const raw = features && stream!.bytes === req.bytes.byteLength ? { type: 'FeatureCollection', features } : (JSON.parse(new TextDecoder().decode(req.bytes)) as { features?: unknown });
        // The file's own shape, before anything is drawn: a wrong one is refused here, where the saved copy can stand in.
        validateCollection('locations', Array.isArray(raw) ? [] : { ...(raw as object), features: Array.isArray((raw as { features?: unknown })?.features) ? [] : (raw as { features?: unknown })?.features }, { baseUrl: req.baseUrl, ids: { categories: new Set(), materials: new Set(), labels: new Set(), organizations: new Set() } });
        const p = preliminaryClusters(raw, req.first);
        preliminary = p.clusters;
        parsed = { raw, req, points: p.points };
        index = undefined;
        places = undefined;
        last = undefined;
        schedules = undefined;
        openAtMinute = undefined;
        return { count: p.count, bbox: p.bbox, skipped: 0, problems: [], streamed: raw.features === features };
      }
      case 'stream': {
        const stream = (streaming = new FeatureStream());
        req.port.onmessage = (e: MessageEvent<ArrayBuffer | { end: true; complete: boolean }>) => {
          if (e.data instanceof ArrayBuffer) return stream.add(e.data);
          stream.end(e.data.complete);
          req.port.close();
        };
        return null;
      }
      case 'index': {
        const { raw, req: load, points } = parsed!;
        parsed = undefined;
        const set = (l: string[]) => new Set(l);
        const r = await validateInChunks(raw, {
          baseUrl: load.baseUrl,
          ids: { categories: set(load.ids.categories), materials: set(load.ids.materials), labels: set(load.ids.labels), organizations: set(load.ids.organizations) },
        });
        // The last good copy is written here, in the worker: storing 60 MB from the main thread blocks it.
        if (load.keep) void browserCache().put(load.baseUrl, { body: load.bytes, fetchedAt: load.keep.fetchedAt });
        index = new FinderIndex(r.value, new Map(load.organizationNames));
        // Every drawn point passed, in the same order and place: the map's clusters serve for the whole
        // directory as they are (rebuilding them costs ~200 ms at 100,000 points).
        const same = r.value.length === points.length && r.value.every((l, i) => l.id === points[i].properties.id && l.lon === points[i].geometry.coordinates[0] && l.lat === points[i].geometry.coordinates[1]);
        if (same && preliminary) index.adoptClusters(preliminary);
        preliminary = undefined;
        return { count: r.value.length, skipped: r.skipped, problems: r.problems.slice(0, 50) };
      }
      case 'query': {
        const first = !last;
        last = index!.query(await withHours(req.filter, req.hours));
        if (first && !req.filter.categories?.length) {
          // While the visitor reads the first results, prepare the clusters of each category alone,
          // one per turn and only when no request came for a moment (one takes up to 300 ms at
          // 100,000 points), so what the visitor asks first is answered first: the first category
          // filter is then instant.
          const idx = index!;
          const base = req.filter;
          void (async () => {
            for (const c of idx.categoryValues) {
              await pause();
              await quiet();
              if (idx !== index) return;
              idx.warm({ ...base, categories: [c], near: undefined, prefer: undefined });
            }
          })();
        }
        const items: ListedItem[] = [];
        for (let i = 0; i < Math.min(req.limit, last.order.length); i++) items.push(item(i));
        return { total: last.total, counts: last.counts, open: last.open, items };
      }
      case 'page': {
        const items: ListedItem[] = [];
        for (let i = req.offset; i < Math.min(req.offset + req.limit, last?.order.length ?? 0); i++) items.push(item(i));
        return items;
      }
      case 'clusters':
        if (!index && preliminary) {
          // Before the records are checked: clusters, and points that can be named but not opened yet.
          return preliminary.getClusters(req.bbox, Math.round(req.zoom)).map((f): MapItem => {
            const [lon, lat] = f.geometry.coordinates;
            const p = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; id?: string; name?: Location['name']; category?: string };
            return p.cluster ? { lon, lat, count: p.point_count!, clusterId: p.cluster_id } : { lon, lat, count: 1, id: p.id, name: typeof p.name === 'string' || (p.name && typeof p.name === 'object') ? p.name : undefined, category: typeof p.category === 'string' ? p.category : undefined };
          });
        }
        return index!.clustersIn(req.bbox, req.zoom).map((c): MapItem => {
          if (c.index === undefined) return c;
          const l: Location = index!.locations[c.index];
          return { ...c, name: l.name, category: l.categories[0], id: l.id };
        });
      case 'expansion':
        return index ? index.expansionZoom(req.clusterId) : preliminary!.getClusterExpansionZoom(req.clusterId);
      case 'get':
        return index!.locations[req.index];
      case 'find': {
        const i = index!.locations.findIndex((l) => l.id === req.id);
        return i < 0 ? null : { index: i, location: index!.locations[i] };
      }
      case 'place': {
        places ??= new PlaceIndex(index!.locations);
        const p = places.find(req.q);
        return p ? { label: p.label, lat: p.lat, lon: p.lon } : null;
      }
      case 'nearest': {
        const cats = req.categories;
        return index!
          .nearest(req.lat, req.lon, req.n, cats?.length ? (l) => l.categories.some((c) => cats.includes(c)) : undefined)
          .map((i): ListedItem => ({ index: i, location: index!.locations[i] }));
      }
      case 'warm': {
        const d = new Date();
        for (const locale of [req.locale, 'en']) {
          try {
            new Intl.NumberFormat(locale).format(12345.6);
            new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(1.5);
            new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(d);
            new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(d);
            new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(d);
            new Intl.PluralRules(locale).select(2);
          } catch {
            /* an unknown locale: nothing to prepare */
          }
        }
        return null;
      }
      case 'hours': {
        // The tables the main thread needs to say each listed location's hours without the library.
        const list = await readSchedules(req.now, true);
        return (list ?? []).filter((s) => s.table).map((s) => s.table!);
      }
      case 'peek': {
        // No cluster index for a preview (building one for 98,000 collection points took 290 ms, the list waiting).
        const r = index!.select(req.filter);
        return { total: r.total, items: r.order.slice(0, req.limit).map((i, k): ListedItem => ({ index: i, location: index!.locations[i], distance: r.distances?.[k] })) };
      }
    }
  };
}
