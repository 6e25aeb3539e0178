/**
 * The shop finder's data: search, facets, distance sort and clusters over the
 * directory. Pure and DOM-free, so the same code runs in a Web Worker (the
 * usual case) or, when no worker can start, on the main thread.
 */
import Supercluster from 'supercluster';
import { distanceMeters, foldText, type Location } from '@ess-widgets/core/data';

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

/** How many of a text's first words order it by numbers (two keys of half each). */
const FIRST_WORDS = 8;
/** Pack a distance sort key: whether preferred, then quarter metres (< 2^27 on Earth), then the place in name order (< 2^25). */
const PACK_BELOW = 2 ** 25;

export class FinderIndex {
  /**
   * The distinct words of every location's folded text (name, organization, locality, postcode),
   * one after the other, each ended by a line break (never in folded text): a word of a search is
   * looked for once in this one string (thousands of words), not in 100,000 texts.
   */
  private readonly words: string;
  /** Where each word starts in `words` (one more entry: its end). */
  private readonly wordStart: Int32Array;
  /** Per location, the numbers of its distinct words (compressed rows, as the facets). */
  private readonly textStart: Int32Array;
  private readonly textWords: Uint16Array | Uint32Array;
  /** The locations' coordinates, side by side: a distance sort reads them without visiting 100,000 objects. */
  private readonly lats: Float64Array;
  private readonly lons: Float64Array;
  /** The last point most of the directory was sorted from: its order and each location's distance. */
  private origin?: { lat: number; lon: number; prefer?: string; order: Int32Array; distance: Float64Array };
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
    const wordId = new Map<string, number>();
    const dictionary: string[] = [];
    const idsOf = (text: string) =>
      text.split(' ').flatMap((w) => {
        if (!w) return [];
        let n = wordId.get(w);
        if (n === undefined) wordId.set(w, (n = dictionary.push(w) - 1));
        return [n];
      });
    /** Each piece (a word of a name, an organization, a locality, a postcode) folded once, with its words' numbers. */
    const folded = new Map<string, { text: string; ids: number[] }>();
    const fold = (s: string, raw = false) => {
      let f = folded.get(s);
      if (f === undefined) {
        // A postcode is searched as it is written (only its spaces made plain).
        const text = raw ? s.replace(/\s+/g, ' ').trim() : foldText(s);
        folded.set(s, (f = { text, ids: idsOf(text) }));
      }
      return f;
    };
    const textStart = new Int32Array(locations.length + 1);
    // Grown as needed: typed arrays, not 1.8 million pushes into a list at 100,000 locations.
    let flat = new Uint32Array(locations.length * 8 + 16);
    let size = 0;
    /** The last location that took each word: a word is kept once per location. */
    let seen = new Int32Array(1024).fill(-1);
    let at = 0;
    /** Per location, its text's first words (−1: an empty part), for the name order below. */
    const first = new Int32Array(locations.length * FIRST_WORDS).fill(-2);
    let tokens = 0;
    const token = (id: number) => {
      if (tokens < FIRST_WORDS) first[at * FIRST_WORDS + tokens] = id;
      tokens++;
    };
    const take = (f: { text: string; ids: number[] }) => {
      for (const id of f.ids) {
        token(id);
        if (id >= seen.length) {
          const more = new Int32Array(seen.length * 2).fill(-1);
          more.set(seen);
          seen = more;
        }
        if (seen[id] === at) continue;
        seen[id] = at;
        if (size === flat.length) {
          const more = new Uint32Array(flat.length * 2);
          more.set(flat);
          flat = more;
        }
        flat[size++] = id;
      }
      return f.text;
    };
    /** An empty part of the text is a word of its own in the name order (two spaces in a row). */
    const part = (f: string) => {
      if (!f) token(-1);
      return f;
    };
    const text = locations.map((l, i) => {
      textStart[i] = size;
      at = i;
      tokens = 0;
      const name = typeof l.name === 'string' ? l.name : Object.values(l.name).join(' ');
      const nameWords: string[] = [];
      for (const w of name.split(' ')) {
        const f = take(fold(w));
        if (f) nameWords.push(f);
      }
      return [part(nameWords.join(' ')), part(l.organization ? take(fold(organizationNames.get(l.organization) ?? '')) : ''), part(take(fold(l.address?.locality ?? ''))), part(take(fold(l.address?.postcode ?? '', true)))].join(' ');
    });
    textStart[locations.length] = size;
    this.textStart = textStart;
    this.textWords = dictionary.length <= 65536 ? Uint16Array.from(flat.subarray(0, size)) : flat.slice(0, size);
    this.wordStart = new Int32Array(dictionary.length + 1);
    for (let k = 0, at = 0; k < dictionary.length; k++) this.wordStart[k + 1] = at += dictionary[k].length + 1;
    this.words = dictionary.join('\n') + '\n';
    // Name order: the order of the texts as strings. Their words are few (1,656 at 100,000 locations)
    // and sorted first; each text's first words, as ranks packed in two numbers, then order nearly
    // every pair by numbers (sorting the 100,000 strings themselves took 290 ms: their first words
    // recur, "Entreprise d'insertion …"). Words hold only letters and digits, which sort after the
    // space between them, so word by word is string order; after the last word (−2) comes nothing.
    const R = dictionary.length + 2;
    const wordRank = new Int32Array(dictionary.length);
    Array.from(dictionary.keys())
      .sort((a, b) => (dictionary[a] < dictionary[b] ? -1 : 1))
      .forEach((w, r) => (wordRank[w] = r + 2));
    // As many words in each number as stay exact (2^53); none when the words are too many.
    const per = Math.min(FIRST_WORDS / 2, Math.floor(53 / Math.log2(R)));
    const keyA = new Float64Array(locations.length);
    const keyB = new Float64Array(locations.length);
    for (let i = 0; per >= 2 && i < locations.length; i++) {
      const rank = (k: number) => {
        const t = first[i * FIRST_WORDS + k];
        return t === -2 ? 0 : t === -1 ? 1 : wordRank[t];
      };
      for (let k = 0; k < per; k++) {
        keyA[i] = keyA[i] * R + rank(k);
        keyB[i] = keyB[i] * R + rank(per + k);
      }
    }
    this.byName = Int32Array.from(locations.keys()).sort((a, b) => keyA[a] - keyA[b] || keyB[a] - keyB[b] || (text[a] < text[b] ? -1 : text[a] > text[b] ? 1 : a - b));
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
    this.lats = Float64Array.from(locations, (l) => l.lat);
    this.lons = Float64Array.from(locations, (l) => l.lon);
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

  /** Per location, whether its text holds every word of the search (each word within one of its words). Undefined: no words. */
  private textMatches(query: string[]): Uint8Array | undefined {
    if (!query.length) return undefined;
    const { words, wordStart, textStart, textWords } = this;
    // Per word of the search, the words of the directory that hold it.
    const within = query.map((q) => {
      const flags = new Uint8Array(wordStart.length - 1);
      for (let pos = words.indexOf(q); pos >= 0; ) {
        // The word holding this position: the last start at or before it.
        let lo = 0;
        let hi = wordStart.length - 2;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (wordStart[mid] <= pos) lo = mid;
          else hi = mid - 1;
        }
        flags[lo] = 1;
        pos = words.indexOf(q, wordStart[lo + 1]);
      }
      return flags;
    });
    const n = this.locations.length;
    const match = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let all = 1;
      for (const flags of within) {
        let any = 0;
        for (let k = textStart[i], end = textStart[i + 1]; k < end; k++)
          if (flags[textWords[k]]) {
            any = 1;
            break;
          }
        if (!any) {
          all = 0;
          break;
        }
      }
      match[i] = all;
    }
    return match;
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
    const matches = this.textMatches(foldText(f.q ?? '').split(' ').filter(Boolean));
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
    const { regions, hoursKeyIds } = this;
    // From the origin of the last distance sort: its order, so the results come sorted.
    const fromOrigin = f.near && this.origin && this.origin.lat === f.near.lat && this.origin.lon === f.near.lon && this.origin.prefer === f.prefer ? this.origin : undefined;
    const walk = fromOrigin?.order ?? this.byName;
    const region = f.region;
    for (let r = 0; r < walk.length; r++) {
      const i = walk[r];
      if (matches && !matches[i]) continue;
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
    if (f.near && fromOrigin) {
      // Walked in distance order already.
      distances = order.map((i) => fromOrigin.distance[i]);
    } else if (f.near && order.length > n / 4) {
      // Most of the directory from this origin: sorted once whole, so the next filters from here walk it.
      const all = this.fromOrigin(f.near, f.prefer);
      const kept = new Uint8Array(n);
      for (const i of order) kept[i] = 1;
      let k = 0;
      for (const i of all.order) if (kept[i]) order[k++] = i;
      distances = order.map((i) => all.distance[i]);
    } else if (f.near) {
      const sorted = this.sortFrom(order, f.near, f.prefer);
      sorted.order.forEach((i, k) => (order[k] = i));
      distances = sorted.distances;
    } else if (f.prefer) {
      // Already in name order; a stable sort puts the preferred member first.
      const prefer = (i: number) => (this.locations[i].organization === f.prefer ? 0 : 1);
      order.sort((a, b) => prefer(a) - prefer(b));
    }
    return { order, distances, counts, total: order.length, open: openForCount ? openCount : undefined };
  }

  /**
   * Locations in name order, sorted from a point: the preferred member's first, then by distance,
   * then in name order. Sorted as numbers, not by a comparator (80 ms for 100,000): the keys pack
   * the preference, quarter metres and the place in name order; equal quarter metres are then put
   * in exact order.
   */
  private sortFrom(order: ArrayLike<number>, near: { lat: number; lon: number }, prefer?: string): { order: number[]; distances: number[] } {
    const m = order.length;
    const d = new Float64Array(m);
    const { lats, lons, locations } = this;
    for (let r = 0; r < m; r++) d[r] = distanceMeters(near.lat, near.lon, lats[order[r]], lons[order[r]]);
    const first = (i: number) => (prefer && locations[i].organization === prefer ? 0 : 1);
    const ranks = new Int32Array(m);
    if (m < PACK_BELOW) {
      const keys = new Float64Array(m);
      for (let r = 0; r < m; r++) keys[r] = (first(order[r]) * 2 ** 27 + Math.min(2 ** 27 - 1, Math.floor(d[r] * 4))) * PACK_BELOW + r;
      keys.sort();
      for (let a = 0; a < m; a++) {
        const x = keys[a] % PACK_BELOW;
        const bucket = Math.floor(keys[a] / PACK_BELOW);
        let b = a - 1;
        while (b >= 0 && Math.floor(keys[b] / PACK_BELOW) === bucket && (d[ranks[b]] > d[x] || (d[ranks[b]] === d[x] && ranks[b] > x))) {
          ranks[b + 1] = ranks[b];
          b--;
        }
        ranks[b + 1] = x;
      }
    } else {
      ranks.set(Array.from({ length: m }, (_, r) => r).sort((a, b) => first(order[a]) - first(order[b]) || d[a] - d[b] || a - b));
    }
    const out = new Array<number>(m);
    const distances = new Array<number>(m);
    for (let k = 0; k < m; k++) {
      out[k] = order[ranks[k]];
      distances[k] = d[ranks[k]];
    }
    return { order: out, distances };
  }

  /** Every location sorted from a point (see sortFrom), kept for the next filters from the same point. */
  private fromOrigin(near: { lat: number; lon: number }, prefer?: string): NonNullable<FinderIndex['origin']> {
    const sorted = this.sortFrom(this.byName, near, prefer);
    const distance = new Float64Array(this.locations.length);
    sorted.order.forEach((i, k) => (distance[i] = sorted.distances[k]));
    this.origin = { lat: near.lat, lon: near.lon, prefer, order: Int32Array.from(sorted.order), distance };
    return this.origin;
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
    // The n best so far, nearest first: one pass, no sort of the whole directory.
    const best: [number, number][] = [];
    this.locations.forEach((l, i) => {
      if (keep && !keep(l)) return;
      const d = distanceMeters(lat, lon, l.lat, l.lon);
      if (best.length === n && d >= best[n - 1][1]) return;
      let at = best.length;
      while (at > 0 && best[at - 1][1] > d) at--;
      best.splice(at, 0, [i, d]);
      if (best.length > n) best.pop();
    });
    return best.map(([i]) => i);
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
