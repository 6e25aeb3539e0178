/**
 * The shop finder's data: search, facets, distance sort and clusters over the
 * directory. Pure and DOM-free, so the same code runs in a Web Worker (the
 * usual case) or, when no worker can start, on the main thread.
 */
import Supercluster from 'supercluster';
import { distanceMeters, foldText, matchesQuery, type Location } from '@ess-widgets/core/data';

export interface FinderFilter {
  /** Free text over name, organization, locality and postcode. */
  q?: string;
  categories?: string[];
  materials?: string[];
  labels?: string[];
  organizations?: string[];
  region?: string;
  /** Keep only locations whose hours key (see `hoursKey`) is in this list: the caller evaluates each distinct opening-hours value once. */
  openKeys?: string[];
  /** The hours keys open now, to count how many results "open now" would leave (without filtering by them). */
  openCountKeys?: string[];
  /** Reference point: results sorted by distance from it. */
  near?: { lat: number; lon: number };
  /** This organization's locations first, then the rest. */
  prefer?: string;
}

export type Facet = 'categories' | 'materials' | 'labels' | 'organizations';
export const FACETS: Facet[] = ['categories', 'materials', 'labels', 'organizations'];

export interface QueryResult {
  /** Indexes of the matching locations, in display order. */
  order: number[];
  /** Distance in metres per entry of `order`, when there is a reference point. */
  distances?: number[];
  /** Per facet and value: how many would match with that value (other facets as set). */
  counts: Record<Facet, Record<string, number>>;
  total: number;
  /** How many results are open now, when the caller gave the open hours keys. */
  open?: number;
}

export interface ClusterItem {
  lon: number;
  lat: number;
  /** Number of locations: 1 for a single point. */
  count: number;
  clusterId?: number;
  /** For a single point: the location's index. */
  index?: number;
}

/** Locations sharing hours, country and region are open or closed together. */
export function hoursKey(l: Location): string | undefined {
  return l.openingHours ? `${l.address?.country ?? ''}|${l.address?.region ?? ''}|${l.openingHours}` : undefined;
}

/**
 * Clusters in screen pixels of Leaflet's 256 px tiles (supercluster counts in a 512 extent by
 * default, which halves the radius on screen and lets cluster icons overlap).
 */
export const CLUSTER_OPTIONS = { radius: 48, extent: 256, maxZoom: 17, minPoints: 3 } as const;

/** An order-independent fingerprint of a set of indexes (a sum of mixed values): no sort of 100,000 numbers. */
function setKey(indexes: Iterable<number>): string {
  let n = 0;
  let h = 0;
  let g = 0;
  for (const i of indexes) {
    n++;
    h = (h + Math.imul(i + 1, 2654435761)) | 0;
    g = (g ^ Math.imul(i + 7, 40503)) | 0;
  }
  return `${n}:${(h + n) | 0}:${g}`;
}

export class FinderIndex {
  private readonly text: string[];
  /** Location indexes in name order, computed once: a query keeps this order and filters it. */
  private readonly byName: Int32Array;
  private clusters?: Supercluster;
  private clusterKey = '';
  /** Recent cluster indexes, by set (the category ones warmed ahead): going back to a filter is instant. */
  private readonly clusterCache = new Map<string, Supercluster>();
  /** Per facet, the distinct values and, per location, its values as numbers (compressed rows): filtering 100,000 locations is then a few typed-array loops. */
  private readonly facetValues = {} as Record<Facet, string[]>;
  private readonly facetStart = {} as Record<Facet, Int32Array>;
  private readonly facetIds = {} as Record<Facet, Uint16Array>;
  private readonly regions: (string | undefined)[];
  /** Per location, the number of its hours key (−1: no hours); numbers, so "open now" is a flag lookup. */
  private readonly hoursKeyIds: Int32Array;
  private readonly hoursKeyNumber = new Map<string, number>();

  constructor(readonly locations: readonly Location[], organizationNames: ReadonlyMap<string, string> = new Map()) {
    // Folding is the slow part: organizations and localities recur, folded once each; names are
    // nearly all distinct (1.6 s of 2.7 for 100,000 of them), but their words recur ("Ressourcerie",
    // "Namur", "—"): each word is folded once. Word by word gives the same text: what separates words
    // folds to a space either way.
    const folded = new Map<string, string>();
    const fold = (s: string) => {
      let f = folded.get(s);
      if (f === undefined) folded.set(s, (f = foldText(s)));
      return f;
    };
    const foldWords = (s: string) => {
      const out: string[] = [];
      for (const w of s.split(' ')) {
        const f = fold(w);
        if (f) out.push(f);
      }
      return out.join(' ');
    };
    this.text = locations.map((l) => {
      const name = typeof l.name === 'string' ? l.name : Object.values(l.name).join(' ');
      return [foldWords(name), l.organization ? fold(organizationNames.get(l.organization) ?? '') : '', fold(l.address?.locality ?? ''), l.address?.postcode ?? ''].join(' ');
    });
    // Sort the distinct texts once (thousands, not 100,000), then the indexes by their rank: numbers compare fast.
    const distinct = [...new Set(this.text)].sort();
    const rankOf = new Map(distinct.map((t, r) => [t, r]));
    const rank = Int32Array.from(this.text, (t) => rankOf.get(t)!);
    this.byName = Int32Array.from(locations.keys()).sort((a, b) => rank[a] - rank[b] || a - b);
    for (const facet of FACETS) {
      const ids = new Map<string, number>();
      const start = new Int32Array(locations.length + 1);
      const flat: number[] = [];
      locations.forEach((l, i) => {
        start[i] = flat.length;
        for (const v of facet === 'organizations' ? (l.organization ? [l.organization] : []) : l[facet]) {
          let n = ids.get(v);
          if (n === undefined) ids.set(v, (n = ids.size));
          flat.push(n);
        }
      });
      start[locations.length] = flat.length;
      this.facetValues[facet] = [...ids.keys()];
      this.facetStart[facet] = start;
      this.facetIds[facet] = Uint16Array.from(flat);
    }
    this.regions = locations.map((l) => l.address?.region);
    this.hoursKeyIds = Int32Array.from(locations, (l) => {
      const k = hoursKey(l);
      if (k === undefined) return -1;
      let n = this.hoursKeyNumber.get(k);
      if (n === undefined) this.hoursKeyNumber.set(k, (n = this.hoursKeyNumber.size));
      return n;
    });
  }

  /** One location per distinct hours key, for the caller to evaluate "open now". */
  hoursSamples(): { key: string; location: Location }[] {
    const seen = new Map<string, Location>();
    for (const l of this.locations) {
      const k = hoursKey(l);
      if (k && !seen.has(k)) seen.set(k, l);
    }
    return [...seen].map(([key, location]) => ({ key, location }));
  }

  /** The results of a filter, whose locations the map's clusters then show. */
  query(f: FinderFilter): QueryResult {
    const r = this.select(f);
    this.setClusterSet(r.order);
    return r;
  }

  /** The results of a filter, leaving the map's clusters as they are (a preview: the list's overview, suggestions). */
  select(f: FinderFilter): QueryResult {
    // The filter as flags over each facet's value numbers.
    const want = {} as Record<Facet, Uint8Array | undefined>;
    for (const facet of FACETS) {
      const chosen = f[facet];
      if (!chosen?.length) continue;
      const flags = new Uint8Array(this.facetValues[facet].length);
      this.facetValues[facet].forEach((v, n) => (flags[n] = chosen.includes(v) ? 1 : 0));
      want[facet] = flags;
    }
    const keyFlags = (keys: string[]) => {
      const flags = new Uint8Array(this.hoursKeyNumber.size);
      for (const k of keys) {
        const n = this.hoursKeyNumber.get(k);
        if (n !== undefined) flags[n] = 1;
      }
      return flags;
    };
    const open = f.openKeys ? keyFlags(f.openKeys) : undefined;
    const openForCount = open ?? (f.openCountKeys ? keyFlags(f.openCountKeys) : undefined);
    let openCount = 0;
    const q = foldText(f.q ?? '');
    const n = this.locations.length;
    // Per facet, whether each location passes that facet's filter.
    const pass = {} as Record<Facet, Uint8Array | undefined>;
    for (const facet of FACETS) {
      const flags = want[facet];
      if (!flags) continue;
      const start = this.facetStart[facet];
      const ids = this.facetIds[facet];
      const p = new Uint8Array(n);
      for (let i = 0; i < n; i++) for (let k = start[i]; k < start[i + 1]; k++) if (flags[ids[k]]) {
        p[i] = 1;
        break;
      }
      pass[facet] = p;
    }
    const tally = {} as Record<Facet, Int32Array>;
    for (const facet of FACETS) tally[facet] = new Int32Array(this.facetValues[facet].length);
    const order: number[] = [];
    // The hot loop (100,000 turns): plain arrays and indexes, no keyed lookups.
    const passes = FACETS.map((x) => pass[x]);
    const starts = FACETS.map((x) => this.facetStart[x]);
    const ids = FACETS.map((x) => this.facetIds[x]);
    const tallies = FACETS.map((x) => tally[x]);
    const F = FACETS.length;
    const { byName, text, regions, hoursKeyIds } = this;
    const region = f.region;
    for (let r = 0; r < byName.length; r++) {
      const i = byName[r];
      if (q && !matchesQuery(text[i], q)) continue;
      if (region && regions[i] !== region) continue;
      const key = hoursKeyIds[i];
      if (open && (key < 0 || !open[key])) continue;
      // How many facets this location fails: 0 → a result; 1 → it still counts for that one facet.
      let failed = 0;
      let failedAt = -1;
      for (let x = 0; x < F; x++) {
        const p = passes[x];
        if (p !== undefined && p[i] === 0) {
          failed++;
          failedAt = x;
        }
      }
      if (failed > 1) continue;
      if (failed === 0) {
        order.push(i);
        if (openForCount && key >= 0 && openForCount[key]) openCount++;
      }
      for (let x = 0; x < F; x++) {
        if (failed === 1 && x !== failedAt) continue;
        const start = starts[x];
        const vals = ids[x];
        const t = tallies[x];
        for (let k = start[i], end = start[i + 1]; k < end; k++) t[vals[k]]++;
      }
    }
    const counts = {} as Record<Facet, Record<string, number>>;
    for (const facet of FACETS) {
      const c: Record<string, number> = {};
      tally[facet].forEach((v, k) => v && (c[this.facetValues[facet][k]] = v));
      counts[facet] = c;
    }
    let distances: number[] | undefined;
    const prefer = (i: number) => (f.prefer && this.locations[i].organization === f.prefer ? 0 : 1);
    if (f.near) {
      const { lat, lon } = f.near;
      const d = new Float64Array(this.locations.length);
      for (const i of order) d[i] = distanceMeters(lat, lon, this.locations[i].lat, this.locations[i].lon);
      order.sort((a, b) => prefer(a) - prefer(b) || d[a] - d[b]);
      distances = order.map((i) => d[i]);
    } else if (f.prefer) {
      // Already in name order; a stable sort puts the preferred member first.
      order.sort((a, b) => prefer(a) - prefer(b));
    }
    return { order, distances, counts, total: order.length, open: openForCount ? openCount : undefined };
  }

  /** The category values, for warming their cluster indexes ahead of the visitor's first filter. */
  get categoryValues(): readonly string[] {
    return this.facetValues.categories;
  }

  /** Builds (and caches) the cluster index a filter would need, leaving the current one in place; returns what the filter gives. */
  warm(f: FinderFilter): QueryResult {
    const current = this.clusters;
    const key = this.clusterKey;
    const r = this.query(f);
    this.clusters = current;
    this.clusterKey = key;
    return r;
  }

  /** The `n` nearest locations to a point, whatever the filters (for "nothing here: the nearest anyway"). */
  nearest(lat: number, lon: number, n: number, keep?: (l: Location) => boolean): number[] {
    return this.locations
      .map((l, i) => [i, keep && !keep(l) ? Infinity : distanceMeters(lat, lon, l.lat, l.lon)] as const)
      .filter(([, d]) => d < Infinity)
      .sort((a, b) => a[1] - b[1])
      .slice(0, n)
      .map(([i]) => i);
  }

  /**
   * Takes a cluster index already built over every location, in index order (each point's
   * `properties.index` its index here), as the one for the whole directory.
   */
  adoptClusters(all: Supercluster): void {
    this.clusterCache.set(setKey(this.locations.keys()), all);
  }

  /** Rebuilds the cluster index when the set of shown locations changed (the order does not matter). */
  private setClusterSet(order: number[]): void {
    const key = setKey(order);
    if (key === this.clusterKey && this.clusters) return;
    this.clusterKey = key;
    let c = this.clusterCache.get(key);
    if (!c) {
      c = new Supercluster(CLUSTER_OPTIONS);
      c.load(order.map((i) => ({ type: 'Feature' as const, properties: { index: i }, geometry: { type: 'Point' as const, coordinates: [this.locations[i].lon, this.locations[i].lat] } })));
      this.clusterCache.set(key, c);
      if (this.clusterCache.size > 12) this.clusterCache.delete(this.clusterCache.keys().next().value!);
    }
    this.clusters = c;
  }

  /** Clusters and single points within a bounding box [west, south, east, north] at a zoom. */
  clustersIn(bbox: [number, number, number, number], zoom: number): ClusterItem[] {
    if (!this.clusters) this.setClusterSet(this.locations.map((_, i) => i));
    return this.clusters!.getClusters(bbox, Math.round(zoom)).map((f) => {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; index?: number };
      return p.cluster ? { lon, lat, count: p.point_count!, clusterId: p.cluster_id } : { lon, lat, count: 1, index: p.index };
    });
  }

  /** The zoom at which a cluster splits. */
  expansionZoom(clusterId: number): number {
    return this.clusters!.getClusterExpansionZoom(clusterId);
  }
}
